"""The web reader and the JSON API: `newsweave serve`.

This package sits on top of the library, like the command line: it reads the
corpus database through `newsweave.store`, makes briefings through
`newsweave.pipeline` and shows them with `newsweave.render`'s JSON contract.

- `app.py` builds the ASGI application (routes, error shape, security headers).
- `briefings.py` keeps each story's briefing: made once per change of the
  story, kept in the database, served from memory.
- `article_view.py` turns an article into its page; the story page shows `render/story_view.py`'s view.
- `api.py` / `pages.py` are the JSON and HTML routes.
"""

from newsweave.web.app import create_app
from newsweave.web.state import WebOptions

__all__ = ["WebOptions", "create_app"]
