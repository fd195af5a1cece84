"""The feed writers as they were before documents were put together from entry strings: the
feedgen-based Atom and RSS writer and the whole-document JSON Feed writer. Tests hold the
publisher's bytes against these."""
