"""Access control, written another way: a slotted Vault, an explicit parent call in SafeVault,
exact type tests and a list of accepted number types."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction


class Vault:
    """A secret in a private slot."""

    __slots__ = ("__secret",)

    def __init__(self, secret: str) -> None:
        self.__secret = secret

    def check(self, guess: str) -> bool:
        return self.__secret == guess


def peek(vault: Vault) -> str:
    """The mangled name, spelled out."""
    return getattr(vault, "_Vault" + "__secret")


class SafeVault(Vault):
    """A Vault with its own private PIN."""

    __slots__ = ("__secret",)

    def __init__(self, secret: str, pin: str) -> None:
        Vault.__init__(self, secret)
        self.__secret = pin

    def check_pin(self, pin: str) -> bool:
        return self.__secret == pin


class Student:
    """A score guarded by set_score."""

    def __init__(self, name: str, score: int = 0) -> None:
        self.name = name
        self.set_score(score)

    def get_score(self) -> int:
        return self.__score

    def set_score(self, value: int) -> None:
        if type(value) is not int:
            raise TypeError("the score is an int")
        if value < 0 or value > 100:
            raise ValueError("the score is from 0 to 100")
        self.__score = value


class User:
    """A read-only username and a checked email."""

    def __init__(self, username: str, email: str) -> None:
        self.__username = username
        self.email = email

    @property
    def username(self) -> str:
        return self.__username

    @property
    def email(self) -> str:
        return self.__email

    @email.setter
    def email(self, value: str) -> None:
        if type(value) is not str:
            raise TypeError("an email is a str")
        parts = value.split("@")
        if len(parts) != 2 or not all(parts):
            raise ValueError("an email has one @ with text on both sides")
        self.__email = value.lower()


AMOUNT_TYPES = (int, float, Fraction, Decimal)


def _amount(value: object, *, opening: bool = False) -> None:
    if type(value) is bool or not isinstance(value, AMOUNT_TYPES):
        raise TypeError(f"{value!r} is not an amount")
    if math.isnan(value) or math.isinf(value):
        raise ValueError("NaN and infinity are not amounts")
    if value < 0 if opening else value <= 0:
        raise ValueError(f"{value} is out of range")


class BankAccount:
    """A balance that never goes negative."""

    def __init__(self, owner: str, balance: float = 0) -> None:
        _amount(balance, opening=True)
        self.owner = owner
        self.__balance = balance
        self.__log: list[tuple[str, float]] = []

    @property
    def balance(self) -> float:
        return self.__balance

    def deposit(self, amount: float) -> None:
        _amount(amount)
        new = self.__balance + amount
        self.__balance = new
        self.__log.append(("deposit", amount))

    def withdraw(self, amount: float) -> None:
        _amount(amount)
        if self.__balance - amount < 0:
            raise ValueError("not enough money")
        self.__balance = self.__balance - amount
        self.__log.append(("withdraw", amount))

    def history(self) -> list[tuple[str, float]]:
        return self.__log[:]
