"""`make bench`: the portal's speed and size, measured side by side with a bare Flask app (see README.md)."""
