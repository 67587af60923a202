"""A child's transfer between CCIs with the whole record (issue 20): the packet made
at the sending CCI, and the admission at the receiving one."""
