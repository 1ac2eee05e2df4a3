"""The web UI (server-rendered pages, templates and static assets) and the view models the reports share."""
