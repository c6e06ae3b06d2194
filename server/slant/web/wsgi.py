"""The WSGI app for gunicorn and other servers: ``gunicorn slant.web.wsgi:app``."""

from slant.web.app import create_app

app = create_app()
