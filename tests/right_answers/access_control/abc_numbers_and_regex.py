"""Access control, written another way: a constant-time compare, vars() in peek, a regular
expression for the email and numbers.Number for amounts."""

from __future__ import annotations

import hmac
import numbers
import re


class Vault:
    """A secret in a private attribute."""

    def __init__(self, secret: str) -> None:
        self.__secret = secret

    def check(self, guess: str) -> bool:
        return hmac.compare_digest(guess.encode(), self.__secret.encode())


def peek(vault: Vault) -> str:
    """Straight from the instance's namespace."""
    return vars(vault)["_Vault__secret"]


class SafeVault(Vault):
    """A Vault with its own private PIN."""

    def __init__(self, secret: str, pin: str) -> None:
        super().__init__(secret)
        self.__secret = pin

    def check_pin(self, pin: str) -> bool:
        return hmac.compare_digest(pin.encode(), self.__secret.encode())


class Student:
    """A score guarded by set_score."""

    def __init__(self, name: str, score: int = 0) -> None:
        self.name = name
        self.set_score(score)

    def get_score(self) -> int:
        return self.__score

    def set_score(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(f"score must be an int, not {type(value).__name__}")
        if value not in range(101):
            raise ValueError(f"score must be between 0 and 100, not {value}")
        self.__score = int(value)


EMAIL = re.compile(r"[^@]+@[^@]+")


class User:
    """A read-only username and a checked email."""

    def __init__(self, username: str, email: str) -> None:
        self.__name = username
        self.email = email

    @property
    def username(self) -> str:
        return self.__name

    @property
    def email(self) -> str:
        return self.__address

    @email.setter
    def email(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("email must be a str")
        if EMAIL.fullmatch(value) is None:
            raise ValueError(f"not an email address: {value!r}")
        self.__address = value.lower()


def _is_amount(value: object) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, (bool, complex))


class BankAccount:
    """A balance that never goes negative."""

    def __init__(self, owner: str, balance: float = 0) -> None:
        if not _is_amount(balance):
            raise TypeError("the opening balance must be a number")
        if balance != balance or abs(balance) == float("inf") or balance < 0:
            raise ValueError("the opening balance must be a finite number, 0 or more")
        self.owner = owner
        self.__balance = balance
        self.__history: list[tuple[str, float]] = []

    @property
    def balance(self) -> float:
        return self.__balance

    def _checked(self, amount: float) -> float:
        if not _is_amount(amount):
            raise TypeError("an amount must be a number")
        if amount != amount or abs(amount) == float("inf") or not amount > 0:
            raise ValueError("an amount must be a finite number above 0")
        return amount

    def deposit(self, amount: float) -> None:
        self.__balance += self._checked(amount)
        self.__history.append(("deposit", amount))

    def withdraw(self, amount: float) -> None:
        if self._checked(amount) > self.__balance:
            raise ValueError("cannot overdraw")
        self.__balance -= amount
        self.__history.append(("withdraw", amount))

    def history(self) -> list[tuple[str, float]]:
        return [*self.__history]
