"""Text that any XML 1.0 document can carry: characters XML forbids are removed, whitespace runs collapsed.

>>> xml_safe("a\\x00b\\x1bc\\ud800 🚀")
'abc 🚀'
>>> xml_token("  two\\n lines\\t ")
'two lines'
"""

from __future__ import annotations

import re

# XML 1.0 Char production: #x9 #xA #xD [#x20-#xD7FF] [#xE000-#xFFFD] [#x10000-#x10FFFF]; everything else
# (C0 controls, lone surrogates, U+FFFE/U+FFFF) makes a parser reject the whole file.
_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPACES = re.compile(r"\s+")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _ILLEGAL.sub("", text)


def xml_token(text: str) -> str:
    """``text`` as an ``xsd:token``: XML-safe, one line, single spaces, no leading or trailing space."""
    return _SPACES.sub(" ", xml_safe(text)).strip()


__all__ = ["xml_safe", "xml_token"]
