"""newsweave: read one news story across many outlets."""
