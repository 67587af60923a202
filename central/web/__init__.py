"""Central's web application (Starlette): the upload API under /v1 (`api`), built by `app`.
The read-only pages for district and state officials are added here too."""
