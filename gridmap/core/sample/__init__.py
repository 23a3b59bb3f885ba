"""The sample city built on Taizhou's real county boundaries (:mod:`.city`), with records of every kind."""

__all__ = ["city"]
