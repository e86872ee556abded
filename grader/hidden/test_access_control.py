"""Hidden tests for the `access_control` kata: name mangling, setters, properties, invariants."""

from __future__ import annotations

from grader.markers import points, task

# ---------------------------------------------------------------- task 1: Vault


def probe_vault(m):
    def holding(obj, value):  # every attribute name that reads as value (slots included)
        return sorted(k for k in dir(obj) if not k.startswith("__")
                      and getattr(obj, k, None) == value)

    v = m.Vault("sesame")
    try:
        v.__secret
        dunder = "readable"
    except AttributeError:
        dunder = "AttributeError"
    return {
        "right": v.check("sesame"),
        "wrong": v.check("open"),
        "near": [v.check(guess) for guess in ("sesa", "", "sesame!", "SESAME")],
        "equal_copy": v.check("".join(["ses", "ame"])),  # equal, but not the same object
        "holding": holding(v, "sesame"),
        "dunder": dunder,
        "public": [name for name in ("secret", "_secret") if hasattr(v, name)],
    }


@task(1)
def test_vault_check(learner):
    """Vault.check(guess) is True for the secret and False for anything else."""
    got = learner.run(probe_vault)
    assert (got["right"], got["wrong"]) == (True, False)
    assert got["equal_copy"], "a guess equal to the secret is right, whatever object it is"
    assert got["near"] == [False] * 4, (
        f"check gave {got['near']} for 'sesa', '', 'sesame!' and 'SESAME': only an equal guess "
        "is right")


@points(2)
@task(1)
def test_vault_secret_is_mangled(learner):
    """The secret is stored as __secret, which Python keeps as _Vault__secret."""
    got = learner.run(probe_vault)
    assert got["public"] == [], (
        f"the secret is reachable as {got['public'][0]}: use two underscores")
    assert got["dunder"] == "AttributeError", "vault.__secret should not be readable from outside"
    assert got["holding"] == ["_Vault__secret"], (
        f"the secret is held in {got['holding']}: store it only in self.__secret")


# ---------------------------------------------------------------- task 2: peek


def probe_peek(m):
    return m.peek(m.Vault("sesame"))


def probe_peek_any(m):
    class Vault:  # a different class with the same name: its __secret is _Vault__secret too
        def __init__(self, secret):
            self.__secret = secret

    return m.peek(Vault("mangled"))


@task(2)
def test_peek_vault(learner):
    """peek(Vault("sesame")) reads "sesame" from outside the class."""
    assert learner.run(probe_peek) == "sesame"


def probe_peek_subclass(m):
    class Sub(m.Vault):  # its instances keep the secret under Vault's mangled name
        pass

    return m.peek(Sub("inherited"))


@task(2)
def test_peek_subclass(learner):
    """peek reads the secret of a Vault subclass's instance too: Vault's code mangled the name."""
    got = learner.run(probe_peek_subclass)
    assert got == "inherited", "mangling uses the class that wrote the name, not type(vault)"


@points(2)
@task(2)
def test_peek_reads_mangled_name(learner):
    """peek reads the attribute Python made of __secret: mangling is not security."""
    assert learner.run(probe_peek_any) == "mangled", "read the secret by its mangled name"


# ---------------------------------------------------------------- task 3: SafeVault


def probe_safe(m):
    def holding(obj, value):  # every attribute name that reads as value (slots included)
        return sorted(k for k in dir(obj) if not k.startswith("__")
                      and getattr(obj, k, None) == value)

    s = m.SafeVault("sesame", "1234")
    return {
        "is_vault": isinstance(s, m.Vault),
        "pin": [s.check_pin("1234"), s.check_pin("0000"), s.check_pin("sesame"),
                s.check_pin("".join(["12", "34"]))],
        "secret": [s.check("sesame"), s.check("1234")],
        "holding": [holding(s, value) for value in ("sesame", "1234")],
    }


@task(3)
def test_safe_vault_pin(learner):
    """SafeVault is a Vault whose check_pin is True for the PIN only."""
    got = learner.run(probe_safe)
    assert got["is_vault"], "SafeVault should inherit from Vault"
    assert got["pin"] == [True, False, False, True]


@points(2)
@task(3)
def test_safe_vault_no_clash(learner):
    """The subclass's own __secret does not overwrite the Vault's: check still knows the secret."""
    got = learner.run(probe_safe)
    assert got["secret"] == [True, False], "the PIN overwrote the parent's secret"
    assert got["holding"] == [["_Vault__secret"], ["_SafeVault__secret"]], (
        f"the secret and the PIN are held in {got['holding']}: each class should keep its own "
        "__secret")


# ---------------------------------------------------------------- task 4: Student


def probe_student(m, values):
    s = m.Student("ada", 50)
    seen = []
    for value in values:
        try:
            s.set_score(value)
            result = "ok"
        except Exception as exc:
            result = type(exc).__name__
        seen.append([result, s.get_score()])
    return seen


def probe_student_init(m):
    out = {}
    for key, score in (("high", 150), ("low", -3), ("text", "80"), ("float", 80.0)):
        try:
            m.Student("ada", score)
            out[key] = "ok"
        except Exception as exc:
            out[key] = type(exc).__name__
    out["default"] = m.Student("bob").get_score()
    s = m.Student("ada", 87)
    out["name"] = getattr(s, "name", None)
    out["holding"] = sorted(k for k in dir(s) if not k.startswith("__")
                            and getattr(s, k, None) == 87)
    return out


@task(4)
def test_student_get_set(learner):
    """set_score stores an int from 0 to 100 and get_score returns it."""
    got = learner.run(probe_student, [0, 100, 73])
    assert got == [["ok", 0], ["ok", 100], ["ok", 73]]


@points(2)
@task(4)
def test_student_rejects_out_of_range(learner):
    """set_score(-1) and set_score(101) raise ValueError and keep the old score."""
    got = learner.run(probe_student, [-1, 101, 1000])
    assert got == [["ValueError", 50]] * 3, "a setter must check the value before storing it"
    init = learner.run(probe_student_init)
    assert init["high"] == init["low"] == "ValueError", "the constructor should validate too"


@task(4)
def test_student_rejects_non_int(learner):
    """set_score raises TypeError for "90", 90.0, None and True, and keeps the old score."""
    got = learner.run(probe_student, ["90", 90.0, None, True])
    assert got == [["TypeError", 50]] * 4, f"got {got}; remember that bool is a subclass of int"
    init = learner.run(probe_student_init)
    assert init["text"] == init["float"] == "TypeError", "the constructor should validate too"


@task(4)
def test_student_score_private(learner):
    """The score lives in the private __score, and a new Student scores 0."""
    got = learner.run(probe_student_init)
    assert got["default"] == 0
    assert got["name"] == "ada", "the name should be the plain attribute name"
    assert got["holding"] == ["_Student__score"], (
        f"the score is held in {got['holding']}: keep it only in self.__score")


# ---------------------------------------------------------------- task 5: User


def probe_user(m):
    u = m.User("ada", "Ada@Example.ORG")
    out = {"username": u.username, "email": u.email}
    username = m.User.__dict__.get("username")
    email = m.User.__dict__.get("email")
    out["kinds"] = [type(username).__name__, type(email).__name__]
    try:
        u.username = "eve"
        out["set_username"] = "ok"
    except Exception as exc:
        out["set_username"] = type(exc).__name__
    out["username_after"] = u.username
    results = []
    for value in ("bad", "a@b@c", "@example.org", "ada@", "", 42, None, "Eve@Example.org"):
        try:
            u.email = value
            results.append(["ok", u.email])
        except Exception as exc:
            results.append([type(exc).__name__, u.email])
    out["emails"] = results
    try:
        m.User("bob", "not-an-email")
        out["init"] = "ok"
    except Exception as exc:
        out["init"] = type(exc).__name__
    return out


@task(5)
def test_user_properties(learner):
    """User exposes username and email as properties; the email is stored lower-cased."""
    got = learner.run(probe_user)
    assert got["kinds"] == ["property", "property"], "username and email should be @property"
    assert (got["username"], got["email"]) == ("ada", "ada@example.org")


@points(2)
@task(5)
def test_user_username_read_only(learner):
    """Assigning to the read-only username raises AttributeError and changes nothing."""
    got = learner.run(probe_user)
    assert got["set_username"] == "AttributeError", "username must have no setter"
    assert got["username_after"] == "ada"


@points(2)
@task(5)
def test_user_email_setter_validates(learner):
    """The email setter raises ValueError for a bad address, TypeError for a non-str."""
    got = learner.run(probe_user)["emails"]
    old = "ada@example.org"
    assert got[:5] == [["ValueError", old]] * 5, (
        "the setter should reject addresses without one @ in the middle")
    assert got[5:7] == [["TypeError", old]] * 2, "a non-str email should raise TypeError"
    assert got[7] == ["ok", "eve@example.org"]


@task(5)
def test_user_constructor_validates(learner):
    """User("bob", "not-an-email") raises ValueError: __init__ goes through the setter."""
    assert learner.run(probe_user)["init"] == "ValueError", "the constructor skipped the check"


# ---------------------------------------------------------------- task 6: BankAccount


def probe_account(m):
    acct = m.BankAccount("ada", 100)
    acct.deposit(50)
    acct.withdraw(30)
    acct.withdraw(120)
    return {"balance": acct.balance, "history": [list(t) for t in acct.history()],
            "owner": acct.owner, "empty": m.BankAccount("bob").balance}


def probe_account_tamper(m):
    acct = m.BankAccount("ada", 100)
    out = {}
    try:
        acct.balance = 10**6
        out["set"] = "ok"
    except Exception as exc:
        out["set"] = type(exc).__name__
    out["balance"] = acct.balance
    out["public"] = sorted(k for k in dir(acct) if not k.startswith("_")
                           and not isinstance(getattr(type(acct), k, None), property)
                           and getattr(acct, k, None) == 100)
    out["property"] = type(type(acct).__dict__.get("balance")).__name__
    return out


def probe_account_bad(m):
    acct = m.BankAccount("ada", 10)
    calls = [("deposit", 0), ("deposit", -5), ("deposit", float("nan")), ("withdraw", 0),
             ("withdraw", -1), ("deposit", float("inf")), ("withdraw", float("nan")),
             ("deposit", "5"), ("deposit", True), ("withdraw", None), ("deposit", 1j)]
    seen = []
    for method, amount in calls:
        try:
            getattr(acct, method)(amount)
            seen.append("ok")
        except Exception as exc:
            seen.append(type(exc).__name__)
    opening = []
    for start in (-1, float("nan"), float("inf"), "100", True):
        try:
            m.BankAccount("eve", start)
            opening.append("ok")
        except Exception as exc:
            opening.append(type(exc).__name__)
    return {"seen": seen, "opening": opening, "balance": acct.balance,
            "history": len(acct.history())}


def probe_account_overdraft(m):
    acct = m.BankAccount("ada", 100)
    acct.withdraw(40)
    try:
        acct.withdraw(61)
        result = "ok"
    except Exception as exc:
        result = type(exc).__name__
    return {"result": result, "balance": acct.balance, "history": [list(t) for t in acct.history()]}


def probe_account_history(m):
    acct = m.BankAccount("ada")
    acct.deposit(10)
    first = acct.history()
    second = acct.history()
    distinct = first is not second
    first.append(("deposit", 10**6))
    second.clear()
    return {"distinct": distinct, "after": [list(t) for t in acct.history()],
            "type": type(first).__name__}


@task(6)
def test_account_deposit_withdraw(learner):
    """deposit and withdraw move the balance and are recorded in history, oldest first."""
    got = learner.run(probe_account)
    assert got == {"balance": 0, "history": [["deposit", 50], ["withdraw", 30], ["withdraw", 120]],
                   "owner": "ada", "empty": 0}


@points(2)
@task(6)
def test_account_balance_read_only(learner):
    """balance is a read-only property: assigning to it raises AttributeError."""
    got = learner.run(probe_account_tamper)
    assert got["set"] == "AttributeError", "anyone can overwrite the balance from outside"
    assert got["balance"] == 100
    assert got["property"] == "property", "make balance a @property without a setter"
    assert got["public"] == [], f"{got['public']} hold the balance in public: keep it private"


@task(6)
def test_account_rejects_bad_amounts(learner):
    """Amounts <= 0, NaN and infinity raise ValueError, non-numbers TypeError; nothing changes."""
    got = learner.run(probe_account_bad)
    assert got["seen"][:5] == ["ValueError"] * 5, "zero and negative amounts need a ValueError"
    assert got["seen"][5:7] == ["ValueError"] * 2, (
        "infinity and NaN need a ValueError: NaN > 0 and NaN <= 0 are both False")
    assert got["seen"][7:] == ["TypeError"] * 4, "a str, a bool, None or a complex is not an amount"
    assert got["opening"] == ["ValueError"] * 3 + ["TypeError"] * 2, (
        f"opening with -1, NaN, infinity, '100' and True gave {got['opening']}: check the "
        "opening balance the same way")
    assert (got["balance"], got["history"]) == (10, 0)


def probe_account_exact(m):
    from decimal import Decimal
    from fractions import Fraction

    out = {}
    try:
        cents = m.BankAccount("ada", Decimal("10.00"))
        cents.deposit(Decimal("0.10"))
        cents.withdraw(Decimal("5.05"))
        out["decimal"] = [str(cents.balance), [[op, str(x)] for op, x in cents.history()]]
        thirds = m.BankAccount("bob", 1)
        thirds.deposit(Fraction(1, 3))
        out["fraction"] = str(thirds.balance)
    except NotImplementedError:
        raise
    except Exception as exc:
        out["raised"] = f"{type(exc).__name__}: {exc}"
    return out


def probe_account_mixed(m):
    from decimal import Decimal

    out = []
    for opening, method, amount in ((10.5, "deposit", Decimal("1")),
                                    (10.5, "withdraw", Decimal("1")),
                                    (Decimal("10.50"), "deposit", 0.25)):
        acct = m.BankAccount("ada", opening)
        try:
            getattr(acct, method)(amount)
            result = "ok"
        except Exception as exc:
            result = type(exc).__name__
        out.append([result, str(acct.balance), len(acct.history())])
    return out


def probe_account_two(m):
    first, second = m.BankAccount("ada", 10), m.BankAccount("bob", 20)
    first.deposit(5)
    second.withdraw(1)
    return {"first": [list(t) for t in first.history()],
            "second": [list(t) for t in second.history()],
            "balances": [first.balance, second.balance]}


@task(6)
def test_account_exact_numbers(learner):
    """Decimal and Fraction amounts are accepted: an account opened with Decimal keeps exact cents."""
    got = learner.run(probe_account_exact)
    assert "raised" not in got, f"{got.get('raised')}: a Decimal or a Fraction is an amount"
    assert got["decimal"] == ["5.05", [["deposit", "0.10"], ["withdraw", "5.05"]]]
    assert got["fraction"] == "4/3"


@task(6)
def test_account_mixed_types_change_nothing(learner):
    """Mixing Decimal and float (amount and balance) raises TypeError and changes nothing."""
    got = learner.run(probe_account_mixed)
    assert got == [["TypeError", "10.5", 0], ["TypeError", "10.5", 0],
                   ["TypeError", "10.50", 0]], (
        f"got {got} as [outcome, balance, history length]: a call that fails halfway must "
        "leave the history as it was too")


@points(2)
@task(6)
def test_account_own_history(learner):
    """Each account has its own balance and history: operations on one stay out of another's."""
    got = learner.run(probe_account_two)
    assert got["balances"] == [15, 19]
    assert got["first"] == [["deposit", 5]] and got["second"] == [["withdraw", 1]], (
        f"the histories are {got['first']} and {got['second']}: a list made on the class is "
        "shared by every account")


@points(2)
@task(6)
def test_account_overdraft_leaves_balance(learner):
    """Withdrawing more than the balance raises ValueError and changes nothing."""
    got = learner.run(probe_account_overdraft)
    assert got["result"] == "ValueError", "an overdraft should raise ValueError"
    assert got["balance"] == 60, (
        "a failed withdrawal changed the balance: check before you subtract")
    assert got["history"] == [["withdraw", 40]], "a failed withdrawal was recorded"


@points(2)
@task(6)
def test_account_history_is_copy(learner):
    """history() returns a new list each time: changing it does not change the account."""
    got = learner.run(probe_account_history)
    assert got["type"] == "list"
    assert got["after"] == [["deposit", 10]], "callers can rewrite the history: return a copy"
    assert got["distinct"], "each call should return a new list"
