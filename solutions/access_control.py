"""Access restriction (访问限制): private names, getters and setters, properties, invariants.

A name written ``__name`` inside a class body (two leading underscores, at most one trailing) is
*mangled*: Python stores it as ``_ClassName__name``. So ``obj.__secret`` from outside raises
AttributeError, yet ``obj._Vault__secret`` still reaches it: mangling avoids clashes between a
class and its subclasses, it is not security. One underscore, ``_name``, is only a convention
("internal, please keep out") and is not mangled.

Private data is read and changed through methods that guard it: a setter checks a value before
storing it, so the object can never hold a bad one. ``@property`` gives such a getter the look
of an attribute; ``@name.setter`` adds the checked setter, and a property without a setter is
read-only (assigning to it raises AttributeError). A class that keeps its data private and
validates every change can promise an *invariant*, such as "the balance is never negative".
"""

from __future__ import annotations

import math
from decimal import Decimal
from numbers import Real


class Vault:
    """Keep a secret in the private attribute ``__secret`` and only say whether a guess is right:
    ``check`` is True for a guess equal to the secret, and False for anything else (a part of
    it, or "", included). The secret is stored under that private name only.

    >>> v = Vault("sesame")
    >>> v.check("sesame"), v.check("open")
    (True, False)
    >>> hasattr(v, "__secret"), hasattr(v, "_Vault__secret")
    (False, True)
    """

    def __init__(self, secret: str) -> None:
        self.__secret = secret

    def check(self, guess: str) -> bool:
        return guess == self.__secret


def peek(vault: Vault) -> str:
    """Read a Vault's secret from outside the class, through its mangled name. This works for
    an instance of a subclass of Vault too: the name is mangled with the class whose code
    wrote it, Vault, whatever the instance's own class is.

    >>> peek(Vault("sesame"))
    'sesame'
    """
    return vault._Vault__secret  # type: ignore[attr-defined]


class SafeVault(Vault):
    """A Vault that also keeps a PIN in its *own* private ``__secret``.

    Both classes use the name ``__secret``, yet the PIN must not overwrite the parent's secret:
    ``check`` still tests the secret and ``check_pin`` tests the PIN (equal to it, as ``check``
    does). Each value is stored under its own class's private name only.

    >>> s = SafeVault("sesame", "1234")
    >>> s.check("sesame"), s.check_pin("1234"), s.check("1234")
    (True, True, False)
    """

    def __init__(self, secret: str, pin: str) -> None:
        super().__init__(secret)
        self.__secret = pin

    def check_pin(self, pin: str) -> bool:
        return pin == self.__secret


class Student:
    """A student whose score lives in the private ``__score`` and changes only through
    ``set_score``, which accepts an int from 0 to 100 inclusive.

    ``set_score`` raises TypeError for anything but an int (a float, a str, and also a bool,
    although bool is a subclass of int) and ValueError for an int out of range; either way the
    score stays what it was. The constructor validates its score the same way, and keeps the
    student's ``name`` as a plain attribute.

    >>> s = Student("ada", 90)
    >>> s.set_score(95)
    >>> s.get_score()
    95
    >>> s.set_score(101)
    Traceback (most recent call last):
    ...
    ValueError: score must be between 0 and 100, not 101
    """

    def __init__(self, name: str, score: int = 0) -> None:
        self.name = name
        self.set_score(score)

    def get_score(self) -> int:
        return self.__score

    def set_score(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"score must be an int, not {type(value).__name__}")
        if not 0 <= value <= 100:
            raise ValueError(f"score must be between 0 and 100, not {value}")
        self.__score = value


class User:
    """A user with a read-only ``username`` and an ``email`` property whose setter validates.

    ``email`` must be a str (else TypeError) holding one "@" with text on both sides (else
    ValueError); it is stored lower-cased. The constructor goes through the same setter.
    Assigning to ``username`` raises AttributeError.

    >>> u = User("ada", "Ada@Example.org")
    >>> u.username, u.email
    ('ada', 'ada@example.org')
    >>> u.email = "not an address"
    Traceback (most recent call last):
    ...
    ValueError: not an email address: 'not an address'
    """

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
        if not isinstance(value, str):
            raise TypeError(f"email must be a str, not {type(value).__name__}")
        local, at, domain = value.partition("@")
        if not (local and at and domain) or "@" in domain:
            raise ValueError(f"not an email address: {value!r}")
        self.__email = value.lower()


class BankAccount:
    """A bank account whose balance is never negative.

    - ``owner`` is a plain attribute; ``balance`` is a read-only property whose value lives in
      a private attribute (no public attribute holds it).
    - An amount is a real number (an int, a float, a ``fractions.Fraction``) or a
      ``decimal.Decimal``, the usual type for exact money. Anything else raises TypeError, a
      bool included (although bool is a subclass of int). NaN and the infinities raise
      ValueError: they are not amounts of money.
    - The opening balance is such an amount, 0 or more (ValueError if negative).
    - ``deposit(amount)`` and ``withdraw(amount)`` take such an amount above 0 (ValueError for
      zero or less). ``withdraw`` raises ValueError when the amount is more than the balance.
      A failed call changes nothing, including a Decimal amount for a float balance or the
      other way round, which raises TypeError as Python does when adding the two.
    - ``history()`` returns the successful operations as ("deposit" | "withdraw", amount)
      tuples, oldest first, in a new list: changing that list does not change the account.

    >>> acct = BankAccount("ada", 100)
    >>> acct.withdraw(30)
    >>> acct.deposit(5)
    >>> acct.balance, acct.history()
    (75, [('withdraw', 30), ('deposit', 5)])
    """

    def __init__(self, owner: str, balance: float = 0) -> None:
        _check_amount(balance, "the opening balance")
        if balance < 0:
            raise ValueError(f"the opening balance cannot be negative: {balance}")
        self.owner = owner
        self.__balance = balance
        self.__history: list[tuple[str, float]] = []

    @property
    def balance(self) -> float:
        return self.__balance

    def deposit(self, amount: float) -> None:
        _check_amount(amount, "a deposit")
        if amount <= 0:
            raise ValueError(f"a deposit must be more than 0, not {amount}")
        self.__balance += amount
        self.__history.append(("deposit", amount))

    def withdraw(self, amount: float) -> None:
        _check_amount(amount, "a withdrawal")
        if amount <= 0:
            raise ValueError(f"a withdrawal must be more than 0, not {amount}")
        if amount > self.__balance:
            raise ValueError(f"cannot withdraw {amount}: the balance is {self.__balance}")
        self.__balance -= amount
        self.__history.append(("withdraw", amount))

    def history(self) -> list[tuple[str, float]]:
        return list(self.__history)


def _check_amount(value: object, what: str) -> None:
    """Raise unless ``value`` can be an amount of money: TypeError unless it is a real number
    or a Decimal (a bool is neither here), ValueError if it is NaN or infinite. The callers
    check the sign, since an opening balance may be 0 and a deposit may not."""
    if isinstance(value, bool) or not isinstance(value, (Real, Decimal)):
        raise TypeError(f"{what} must be a real number or a Decimal, not {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite amount, not {value}")
