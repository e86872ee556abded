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

Replace each ``raise NotImplementedError`` with your code, then run ``kata check access_control``.
"""

from __future__ import annotations


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
        raise NotImplementedError

    def check(self, guess: str) -> bool:
        raise NotImplementedError


def peek(vault: Vault) -> str:
    """Read a Vault's secret from outside the class, through its mangled name. This works for
    an instance of a subclass of Vault too: the name is mangled with the class whose code
    wrote it, Vault, whatever the instance's own class is.

    >>> peek(Vault("sesame"))
    'sesame'
    """
    raise NotImplementedError


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
        raise NotImplementedError

    def check_pin(self, pin: str) -> bool:
        raise NotImplementedError


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
        raise NotImplementedError

    def get_score(self) -> int:
        raise NotImplementedError

    def set_score(self, value: int) -> None:
        raise NotImplementedError


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
        raise NotImplementedError

    @property
    def username(self) -> str:
        raise NotImplementedError

    @property
    def email(self) -> str:
        raise NotImplementedError

    @email.setter
    def email(self, value: str) -> None:
        raise NotImplementedError


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
        raise NotImplementedError

    @property
    def balance(self) -> float:
        raise NotImplementedError

    def deposit(self, amount: float) -> None:
        raise NotImplementedError

    def withdraw(self, amount: float) -> None:
        raise NotImplementedError

    def history(self) -> list[tuple[str, float]]:
        raise NotImplementedError

