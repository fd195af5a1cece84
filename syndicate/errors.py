"""Reasons a fetched page yields no article: each is counted and logged, never a crash."""


class SkipPage(Exception):
    """A page that is not stored; the class name is the counted reason."""


class NoTitle(SkipPage):
    """The page has no title anywhere."""


class SoftNotFound(SkipPage):
    """The server answered 200 with a 'page not found' page."""


class NoBody(SkipPage):
    """An article page with no body text."""
