"""A child's profile: the page, its tabs, and the table helpers they share."""
