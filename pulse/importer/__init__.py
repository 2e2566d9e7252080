"""The Data page's import wizard, undo and replace, and the inbox, as a page family."""
