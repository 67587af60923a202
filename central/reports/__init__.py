"""Questions asked of the `view_*` tables above a CCI: counts, the review queue, a child's
read-only record, tables for Excel and CSV. Shared by central's web pages (state and
district officials) and the district office's desktop view (the same tables); every
function takes the `Area` it may read and puts it in every query."""
