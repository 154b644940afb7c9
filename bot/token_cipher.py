"""Slack tokens encrypted at rest: Fernet (AES-128-CBC with HMAC-SHA256) keyed by TOKEN_ENCRYPTION_KEY.

TOKEN_ENCRYPTION_KEY is one Fernet key, or several separated by commas for key rotation: the first encrypts,
every one of them decrypts (MultiFernet). docs/SECURITY.md, "OAuth distribution", gives the rotation steps.
A key is made with:

    python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

__all__ = ["InvalidToken", "TokenCipher"]


class TokenCipher:
    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise ValueError("no key")
        # Fernet() raises ValueError for anything but 32 url-safe base64-encoded bytes
        self._fernet = MultiFernet([Fernet(key.encode("ascii")) for key in keys])

    @classmethod
    def from_setting(cls, text: str) -> TokenCipher:
        """The keys of a TOKEN_ENCRYPTION_KEY value; ValueError when it holds none or a malformed one."""
        try:
            return cls([key.strip() for key in text.split(",") if key.strip()])
        except (ValueError, UnicodeEncodeError) as exc:
            raise ValueError("not a Fernet key") from exc

    def encrypt(self, token: str) -> str:
        return self._fernet.encrypt(token.encode("utf-8")).decode("ascii")

    def decrypt(self, ciphertext: str) -> str:
        """The token; InvalidToken when no key decrypts it (the key was dropped) or it was altered."""
        return self._fernet.decrypt(ciphertext.encode("ascii")).decode("utf-8")

    def rotate(self, ciphertext: str) -> str:
        """The same token encrypted under the first key (for re-encrypting after a key rotation)."""
        return self._fernet.rotate(ciphertext.encode("ascii")).decode("ascii")
