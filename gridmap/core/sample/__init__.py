"""The sample city built on Taizhou's real county boundaries."""
