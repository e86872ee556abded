"""The kata catalog: the one place a kata is listed.

Order, titles, topics (with the study guide's Chinese name), tasks and hints live here and
nowhere else; the CLI, the reporters, the notebook export and the content tests all read it.
A task's number is its 1-based position in ``Kata.tasks``; hidden tests refer to it with
``@task(N)``. Points live on the hidden tests (``@points(N)``), next to what they reward.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from grader.errors import UsageError

PACKAGE_DIR: Final = Path(__file__).resolve().parent
HIDDEN_DIR: Final = PACKAGE_DIR / "hidden"


@dataclass(frozen=True)
class Task:
    name: str  # the function or class the learner writes
    summary: str  # one line: what the task asks
    hints: tuple[str, ...]  # from a nudge to a near-answer; never the answer itself


@dataclass(frozen=True)
class Kata:
    name: str  # module name: katas/<name>.py, solutions/<name>.py, hidden/test_<name>.py
    title: str
    topic: str
    topic_zh: str  # the study guide's heading
    tasks: tuple[Task, ...]
    # Integrity rules (grader.integrity) that this kata's own lessons use, so not flagged here.
    permits: tuple[str, ...] = ()
    track: str = "python"  # "python" (the language) or "ml" (the guide's ML computations, numpy)

    @property
    def filename(self) -> str:
        return f"{self.name}.py"

    def task(self, number: int) -> Task:
        if not 1 <= number <= len(self.tasks):
            raise UsageError(f"{self.name} has tasks 1 to {len(self.tasks)}, not {number}")
        return self.tasks[number - 1]


CATALOG: Final[tuple[Kata, ...]] = (
    Kata(
        name="copying",
        title="Assignment, shallow copies and deep copies",
        topic="Assignment and copying",
        topic_zh="赋值（引用）、浅复制、深复制",
        tasks=(
            Task(
                "relation",
                "Tell an alias from an equal copy and from a different value.",
                (
                    "Python has two questions for two objects: 'are they the same object?' and "
                    "'do they hold equal values?'. Each has its own operator.",
                    "`a is b` compares identity (id(a) == id(b)); `a == b` compares values. "
                    "Which of the two questions should you ask first?",
                    "Ask `is` first and answer \"alias\" when it holds; only then ask `==`. "
                    "The other order fails: x = float('nan') is not even equal to itself, yet "
                    "relation(x, x) is an alias.",
                ),
            ),
            Task(
                "make_grid",
                "Build a rows x cols grid whose rows are independent lists.",
                (
                    "Try `g = [[0] * 3] * 2; g[0][0] = 1; print(g)`. Why did two rows change?",
                    "Multiplying a list repeats references to the same inner list. Each row "
                    "must be created anew.",
                    "A list comprehension evaluates its expression once per iteration, so a row "
                    "written inside it is a new list each time; repeating the cells of one row "
                    "with * is fine, since a cell is never changed in place.",
                ),
            ),
            Task(
                "shallow_copy",
                "Copy the outer list only: a new list holding the same items.",
                (
                    "A shallow copy is a new container whose slots refer to the very same objects.",
                    "Aim for: the copy `is not` the original, but copy[0] `is` original[0]. "
                    "Copying an item (copy.copy(item)) breaks the second half.",
                    "Any way of building a new list from the old one's items will do: the list() "
                    "constructor, a slice with no bounds, the list's own copy method or "
                    "copy.copy of the whole list.",
                ),
            ),
            Task(
                "snapshot",
                "Take a snapshot of nested data that later changes cannot reach.",
                (
                    "After `snap = snapshot(state)`, appending to a list inside `state` must not "
                    "show up in `snap`. What does a shallow copy share?",
                    "A deep copy copies the containers inside containers too, recursively, tuples "
                    "included, and keeps every value equal (a JSON round trip turns tuples into "
                    "lists).",
                    "The copy module has a function for exactly this: the deep one of its two.",
                ),
            ),
            Task(
                "with_tag",
                "Return a new record with one more tag, leaving the caller's record untouched.",
                (
                    "`new = record.copy()` gives a new dict, but new['tags'] is still the "
                    "caller's list.",
                    "Copy only what you change: the dict and its 'tags' list. The other "
                    "values can be shared, since you never modify them.",
                    "In a dict display, **record copies every key and value into the new dict, and "
                    "a key written after it replaces that key's value: give 'tags' a new list "
                    "made of the old tags and then the tag. Beware new['tags'] += [...]: += "
                    "extends the old list in place.",
                ),
            ),
            Task(
                "Document",
                "Give a class its own rules for copy.copy and copy.deepcopy.",
                (
                    "copy.copy(obj) calls obj.__copy__() and copy.deepcopy(obj) calls "
                    "obj.__deepcopy__(memo) when the class defines them.",
                    "The theme is a shared resource: both kinds of copy keep the same theme "
                    "object. Only the pages are copied, shallowly or deeply.",
                    "In __deepcopy__, make the new Document first and store it in memo under "
                    "id(self); then deep-copy the pages, passing memo along, so that a page "
                    "leading back to this document finds the copy already made.",
                ),
            ),
            Task(
                "deep_clone",
                "Write deepcopy for lists and dicts yourself, cycles and shared parts included.",
                (
                    "Recursion handles nesting: a list's clone is a list of its items' clones.",
                    "A cycle would recurse forever, and an object reached twice would be cloned "
                    "twice. Remember what you already cloned, keyed by id(original).",
                    "Make memo a new dict when it is None (never a {} default, made once for all "
                    "calls), put the new, still empty container in it before you clone the "
                    "items, and test `id(obj) in memo`: an empty clone is falsy.",
                ),
            ),
        ),
    ),
    Kata(
        name="arguments",
        title="Function parameters: defaults, *args, **kwargs, keyword-only and positional-only",
        topic="Function parameters",
        topic_zh="函数的参数",
        tasks=(
            Task(
                "add_item",
                "Append to the caller's list, or to a new list on every call that gives none.",
                (
                    "Call `add_item('a')` twice in a row with a list default. Why does the second "
                    "call see the first item?",
                    "A default value is made once, when `def` runs, and every call shares it. Use "
                    "an immutable marker as the default and make the list inside the function.",
                    "With None as the default, the body makes a new list only when the caller gave "
                    "none. Ask `is None`, not truthiness: an empty list the caller passed in is "
                    "still theirs, and the item must land in it.",
                ),
            ),
            Task(
                "sum_squares",
                "Sum the squares of any number of numbers given as separate arguments.",
                (
                    "The caller writes sum_squares(1, 2, 3), not sum_squares([1, 2, 3]). How can one "
                    "parameter receive all of them?",
                    "A parameter written with one star collects the extra positional arguments into "
                    "a tuple.",
                    "Inside, numbers is a tuple, maybe empty: sum() over a generator expression "
                    "that squares each number adds them up, and sum() of nothing is 0.",
                ),
            ),
            Task(
                "make_record",
                "Build a dict from two required fields plus any extra keyword arguments.",
                (
                    "make_record('ada', 36, city='London') must keep city, and any other keyword the "
                    "caller makes up.",
                    "A parameter written with two stars collects the extra keyword arguments into "
                    "a new dict.",
                    "Start the result with name and age, then unpack the collected dict into it "
                    "with ** inside the braces.",
                ),
            ),
            Task(
                "connect",
                "Make timeout and secure keyword-only parameters.",
                (
                    "connect('h', 80, 5): is 5 the timeout? A reader cannot tell, so the caller "
                    "should be forced to write timeout=5.",
                    "Parameters that come after a `*` in the signature can only be passed by name.",
                    "The stub's signature already has the bare `*` between port and timeout; keep "
                    "it, and build the text with an f-string, choosing the scheme with a "
                    "conditional expression on secure.",
                ),
            ),
            Task(
                "join_words",
                "Join any number of words with a keyword-only separator.",
                (
                    "join_words('a', 'b', '-') should join three words. Where must sep go so that "
                    "no positional argument can land in it?",
                    "Parameters after *args are keyword-only: every positional argument goes into "
                    "args, and the parameters after it need a name.",
                    "str.join is a method of the separator and takes the words. Adding sep after "
                    "each word and slicing the last one off breaks for sep='' ([:-0] is empty). "
                    "Reading sep out of **kwargs would silently accept a misspelt keyword.",
                ),
            ),
            Task(
                "format_tag",
                "Make the tag name positional-only so that name= can be an attribute.",
                (
                    "format_tag('input', name='q') raises 'got multiple values for argument name'. "
                    "Why?",
                    "Parameters before a `/` in the signature can only be passed by position, so "
                    "their names are free for **kwargs.",
                    "Keep the `/` after name; then, for each (key, value) of attrs.items() in the "
                    "caller's order, add a space and key=\"value\" after '<' + name, and close with "
                    "'>'.",
                ),
            ),
            Task(
                "combined",
                "Write one signature with every kind of parameter, in the order Python requires.",
                (
                    "The docstring gives the signature. Which kinds are there, and which order does "
                    "Python accept?",
                    "The order is: positional-only, /, ordinary, *args, keyword-only, **kwargs. "
                    "A keyword-only parameter without a default is required.",
                    "Copy the signature from the docstring and return the dict of the seven names; "
                    "args is already a tuple and kw already a dict.",
                ),
            ),
            Task(
                "retry",
                "Forward *args and **kwargs to another function, retrying it when it raises.",
                (
                    "retry(f, 3, 1, 2, key='k') must end up calling f(1, 2, key='k'). What does "
                    "f(args, kwargs) pass instead?",
                    "In a call, * and ** unpack a tuple and a dict into separate arguments. Catch "
                    "the error of every attempt but the last; let the last one propagate.",
                    "Give every attempt but the last a try/except that returns on success, "
                    "whatever the value (None too); make the last attempt outside any try, so its "
                    "own exception reaches the caller. Check attempts before the first call.",
                ),
            ),
        ),
    ),
    Kata(
        name="iteration",
        title="Iteration and comprehensions",
        topic="Iteration and list comprehensions",
        topic_zh="迭代、列表生成式",
        tasks=(
            Task(
                "split_dict",
                "List a dict's keys, values and (key, value) pairs, in the dict's own order.",
                (
                    "What does `for x in d:` give you for a dict: keys, values or pairs?",
                    "A dict has three views: iterating the dict itself, d.values() and d.items(). "
                    "Each already holds what you need, so no d[key] look-up is necessary.",
                    "list() copies any iterable, a view included, into a new list; return the "
                    "three lists together, keys first, then values, then pairs.",
                ),
            ),
            Task(
                "diff_positions",
                "Find the positions where two iterables differ, comparing them side by side.",
                (
                    "Your inputs may be generators or never end: can you ask them for len() or "
                    "index them?",
                    "zip(a, b) walks both at once and stops at the shorter; enumerate() adds the "
                    "position to each step.",
                    "enumerate(zip(a, b)) hands out (position, (item of a, item of b)) steps; a "
                    "comprehension keeps the positions whose two items compare unequal with != "
                    "(not `is not`: equal items can be distinct objects).",
                ),
            ),
            Task(
                "is_iterable",
                "Tell whether a for loop can walk an object, without consuming any of it.",
                (
                    "A for loop starts by calling iter() on its object. What happens when that "
                    "fails?",
                    "collections.abc.Iterable only checks for __iter__; iter() also accepts a class "
                    "that only has __getitem__. Let iter() itself decide.",
                    "Let iter() decide inside a try: it raises TypeError for what a for loop "
                    "cannot walk, and making an iterator takes no item out of obj, where looping "
                    "over it would.",
                ),
            ),
            Task(
                "min_max",
                "Find the smallest and the largest item in one pass, without min() or max().",
                (
                    "What should low and high start as? 0 is wrong for [4, 9] and for [-4, -9].",
                    "Take the first item from iter(items) as both low and high, then compare the "
                    "rest in the same loop. A generator can be walked only once, and 0 is an item "
                    "like any other: never ask 'have I an item yet?' by truthiness.",
                    "A for loop with break over the iterator picks the first item; its else branch "
                    "runs when there was none, which is where (None, None) comes from.",
                ),
            ),
            Task(
                "pythagorean_triples",
                "List Pythagorean triples with a list comprehension of nested for clauses.",
                (
                    "Write the three nested for loops first; the comprehension keeps their order.",
                    "Start b after a and c after b, so that a < b < c holds without a test, and "
                    "remember that range(x, n) stops before n.",
                    "Three for clauses with a outermost; each inner range starts one past the "
                    "variable before it and reaches n itself; one if clause at the end tests the "
                    "Pythagorean equation.",
                ),
            ),
            Task(
                "invert",
                "Swap keys and values with a dict comprehension.",
                (
                    "A dict comprehension looks like {key_expr: value_expr for ... in ...}.",
                    "Iterate d.items() and put the value where the key goes; a later pair "
                    "overwrites an earlier one with the same value.",
                ),
            ),
            Task(
                "letters_used",
                "Collect the letters of some words with a set comprehension.",
                (
                    "A set comprehension uses braces without a colon, and drops duplicates for you.",
                    "Two for clauses: one over the words, one over the characters of each word; "
                    "str.isalpha() tells letters from the rest.",
                    "Braces with the lower-cased character as the expression, a for over the words "
                    "then a for over each word's characters, and str.isalpha() in the if: it "
                    "accepts é and 中 too, which a test against 'a' to 'z' would lose.",
                ),
            ),
            Task(
                "lower_strings",
                "Lower-case the strings of a mixed list and leave out everything else.",
                (
                    "Calling .lower() on 18 or None fails. How do you skip them?",
                    "An if at the end of a comprehension filters; isinstance(x, str) asks the type. "
                    "Having a .lower() method is not the same as being a str: bytes have one too.",
                    "The expression lower-cases; the if after the for keeps an item only when "
                    "isinstance says it is a str, the empty string included.",
                ),
            ),
            Task(
                "flatten",
                "Flatten a list of lists by one level.",
                (
                    "How would you write it with two nested for loops and append?",
                    "In a comprehension the for clauses come in the same order as those loops: "
                    "the outer one first.",
                    "Two for clauses, rows first and then the items of each row, with the item "
                    "itself as the expression.",
                ),
            ),
            Task(
                "deep_flatten",
                "Flatten lists and tuples nested to any depth, keeping strings whole.",
                (
                    "The nesting depth is unknown, so a fixed number of loops cannot do it. What "
                    "can call itself?",
                    "For each item: a list or tuple is flattened by a recursive call, anything else "
                    "is appended. Decide by type, not by 'is it iterable': 'a'[0] is 'a' again.",
                    "Keep one result list: extend it with the recursive call's result for a list "
                    "or tuple item, append any other item as it is.",
                ),
            ),
            Task(
                "pass_fail",
                "Pick a word per item with x if c else y before the for; filter with if after it.",
                (
                    "Two jobs here: leave the negative scores out, and turn every other score into "
                    "one of two words. Which `if` of a comprehension does which job?",
                    "An `if` after the `for` filters and has no else: it drops the invalid scores. "
                    "A conditional expression `x if c else y` before the `for` is the value: "
                    "every score that gets through becomes 'pass' or 'fail'.",
                    "One comprehension, [<word chosen from score and pass_mark> for score in scores "
                    "<keep scores of 0 and up>]; compare with >= on both sides, never on "
                    "truthiness, since 0 is a valid score and a valid mark.",
                ),
            ),
        ),
    ),
    Kata(
        name="generators",
        title="Generators: yield, laziness, yield from, send",
        topic="Generators",
        topic_zh="生成器",
        tasks=(
            Task(
                "fib",
                "Yield the Fibonacci numbers without end.",
                (
                    "A function becomes a generator as soon as its body contains `yield`: calling "
                    "it runs nothing until someone asks for the next value.",
                    "Keep the last two numbers in two variables; an endless `while True` loop is "
                    "fine, because the caller decides how many values to take.",
                    "Yield the first of the pair, then move the pair one step along in one tuple "
                    "assignment, so that the new second number is the sum of the old pair (two "
                    "separate assignments would add the new first number instead).",
                ),
            ),
            Task(
                "triangles",
                "Yield the rows of Pascal's triangle, each one a new list.",
                (
                    "Each row starts and ends with 1; every number inside is the sum of the two "
                    "numbers above it.",
                    "If you change one list in place and yield it again, whoever kept an earlier "
                    "row sees it change. Build each new row as a new list from the previous one.",
                    "zip(row, row[1:]) pairs each number with its right neighbour; put 1 at both "
                    "ends of their sums.",
                ),
            ),
            Task(
                "squares",
                "Return a lazy iterator of squares: a generator expression, not a list.",
                (
                    "A list comprehension computes every square at once, and never finishes on an "
                    "endless input. What computes one square each time next() is called?",
                    "Swap the square brackets of a list comprehension for parentheses and you get "
                    "a generator expression.",
                    "The whole body can be one return of a generator expression, in parentheses, "
                    "that squares each n of numbers; do not turn numbers into a list first.",
                ),
            ),
            Task(
                "flatten",
                "Yield the items of nested iterables, lazily, keeping strings whole.",
                (
                    "Recursion fits nesting: the items of a nested list are the flattened items of "
                    "each of its elements.",
                    "`yield from flatten(item)` passes on everything a recursive call yields. Test "
                    "for nesting with isinstance(item, collections.abc.Iterable).",
                    "A string is iterable and its letters are strings too, so treat str and bytes "
                    "as plain items, or the recursion never ends.",
                ),
            ),
            Task(
                "counted",
                "Yield every item, then return the count as the generator's return value.",
                (
                    "A generator may `return value` at the end; whoever drives it with next() "
                    "finds the value on the StopIteration that ends it.",
                    "Count the items as you yield them, then return the count. Do not yield it: "
                    "that would make it one more item.",
                    "Never raise StopIteration yourself inside a generator: Python turns that into "
                    "a RuntimeError. `return count` is how the value gets out.",
                ),
            ),
            Task(
                "chain_counted",
                "Delegate to counted() with yield from and collect the counts it returns.",
                (
                    "`yield from sub` passes every item of `sub` on to your caller, and it is "
                    "also an expression: what is its value?",
                    "The value of `yield from counted(it)` is what counted returned. Collect one "
                    "such value per iterable.",
                    "In the loop over the iterables, keep the value of `yield from counted(...)` "
                    "(in parentheses when it goes straight into a call) in a list, and return "
                    "that list after the loop.",
                ),
            ),
            Task(
                "averager",
                "Write a coroutine that receives values with send() and answers the running average.",
                (
                    "`x = yield y` does two things: it hands y out, then waits, and the value "
                    "passed to send() becomes x.",
                    "Use one yield per step, in a loop, that both gives out the current average "
                    "and receives the next value. Before any value arrives, the average is None.",
                    "Keep a total and a count; in the loop, take the value from the yield that hands "
                    "out the current average, then update all three. Divide with /, and count a "
                    "0 like any other value.",
                ),
            ),
            Task(
                "grep",
                "Write a lazy pipeline stage that yields only the lines containing a pattern.",
                (
                    "A pipeline stage takes an iterable and is itself an iterable, pulling one "
                    "item from its source each time it is asked for one.",
                    "Loop over the lines and yield the matching ones; do not collect them.",
                    "`pattern in line` tests whether a string contains another, as plain text and "
                    "anywhere in it; yield the line itself, unchanged.",
                ),
            ),
            Task(
                "count_matches",
                "Count the matching lines of a huge input through grep, in constant memory.",
                (
                    "len() needs a list, and a list of a million lines needs a lot of memory. "
                    "Can you count without keeping anything?",
                    "Pull the matches out of grep(...) one by one and add 1 for each.",
                    "sum() takes any iterable, a generator expression too: add up a 1 for each "
                    "item that grep(pattern, lines) yields, without ever naming a list.",
                ),
            ),
        ),
    ),
    Kata(
        name="iterators",
        title="Iterators and iterables: the iterator protocol",
        topic="Iterators",
        topic_zh="迭代器",
        tasks=(
            Task(
                "kind",
                "Tell an iterator from an iterable that is not one, and from neither.",
                (
                    "An iterable can give you an iterator; an iterator can also give you the next "
                    "item. Which one is the list, and which one is iter(list)?",
                    "collections.abc has an ABC for each: isinstance(obj, Iterable) and "
                    "isinstance(obj, Iterator) check for __iter__, and for __iter__ plus __next__.",
                    "Every iterator is also iterable, so ask the narrower question (Iterator) first.",
                ),
            ),
            Task(
                "Countdown",
                "Write an iterator class with __iter__ and __next__ that counts down once.",
                (
                    "for calls iter() on the object once, then next() on what iter() returned, "
                    "until StopIteration. Which object keeps the position?",
                    "An iterator keeps its position in an attribute, and its __iter__ returns the "
                    "iterator itself, so that iter(c) is c.",
                    "In __next__: raise StopIteration once the count is 0 or below (every time you "
                    "are asked after that too, and at once for Countdown(-2)), otherwise step the "
                    "count down and return the old value.",
                ),
            ),
            Task(
                "Range",
                "Write an iterable that can be looped over again: a fresh iterator per iter().",
                (
                    "Loop over an iterator twice and the second loop is empty. What does a list "
                    "do differently when you loop over it twice?",
                    "Do not keep the position on the Range itself: each call of __iter__ should "
                    "return a new object that has its own position.",
                    "Writing __iter__ as a generator function (a loop with yield) gives a new "
                    "generator, with its own position, at every call.",
                ),
            ),
            Task(
                "read_chunks",
                "Read a file in fixed-size chunks with iter(callable, sentinel).",
                (
                    "iter() has a second form: iter(func, sentinel) calls func() for each item and "
                    "stops when it returns the sentinel. What does read() return at the end?",
                    "The callable must take no arguments, but f.read needs the size: wrap it with "
                    "functools.partial (or a lambda).",
                    "Give iter() a no-argument callable that reads size characters (partial, or a "
                    "lambda, around f.read) and, as the sentinel, what read() returns at the end of "
                    "a file: the empty string, never None.",
                ),
            ),
            Task(
                "Peekable",
                "Wrap an iterator so that peek() shows the next item without consuming it.",
                (
                    "Once you have taken an item from an iterator you cannot put it back. Where "
                    "can you keep it until next() asks for it?",
                    "Keep a small buffer: peek() fills it if empty and shows its item; __next__ "
                    "empties it first, and only reads the wrapped iterator when it is empty.",
                    "Do not use None (or truthiness) to mean 'nothing peeked': the items may be None "
                    "or 0. An empty list, or a private sentinel object(), tells 'empty' apart from "
                    "any item; tell 'no default' apart the same way, with `is`, since None is a "
                    "default a caller may give.",
                ),
            ),
            Task(
                "chunked",
                "Split an iterable into tuples of a fixed size, lazily, without padding the last.",
                (
                    "Turning the input into a list first never ends on an endless input. How can "
                    "you take just the next few items of an iterator?",
                    "itertools.islice(it, size) takes up to size items of the same iterator, "
                    "picking up where the previous chunk stopped. Call iter() on the input once.",
                    "Check size first; then, in a loop, take a tuple of the next size items of that "
                    "one iterator with islice and yield it, until the tuple comes back empty (a "
                    "walrus := keeps the loop short).",
                ),
            ),
        ),
    ),
    Kata(
        name="higher_order",
        title="Higher-order functions: map/reduce, filter, sorted",
        topic="Higher-order functions",
        topic_zh="高阶函数：map/reduce、filter、sorted",
        tasks=(
            Task(
                "add",
                "Call a function that was passed in as an argument, once per value.",
                (
                    "f is an ordinary parameter whose value happens to be a function. How do you "
                    "call a function you hold in a variable?",
                    "Apply f to x, apply f to y, and add the two results. Do not assume what f "
                    "is: the tests pass functions other than abs.",
                ),
            ),
            Task(
                "apply_twice",
                "Apply a function to a value, then again to the result.",
                (
                    "What should the second call of f receive: x, or something else?",
                    "The result of the first call is the argument of the second: nest the calls.",
                ),
            ),
            Task(
                "normalize_names",
                "Capitalise every name with map().",
                (
                    "Which str method gives 'Lisa' for 'LISA', 'Bart' for 'barT' and '' for ''? "
                    "Try a few in the REPL.",
                    "map(function, iterable) applies the function to each item. A method reached "
                    "through the class, like str.upper, is a function of one argument.",
                    "map() is lazy and returns a map object: wrap it in list(...) before returning. "
                    "A hand-made lambda that indexes name[0] breaks on an empty name; a slice "
                    "does not.",
                ),
            ),
            Task(
                "str2int",
                "Turn a string of digits into an int with reduce(), without int().",
                (
                    "How do you get from 13 to 135 with the digit 5, using only * and +?",
                    "First turn each character into its digit (the DIGITS dict does it, map() can "
                    "apply it to the whole string), then fold the digits with reduce().",
                    "reduce(lambda number, digit: ..., digits, 0) where the lambda shifts the number "
                    "one place left and adds the digit.",
                ),
            ),
            Task(
                "str2float",
                "Turn a decimal string into a float with reduce(), without float() or int().",
                (
                    "'123.456' has the same digits as 123456. How many places must the point move?",
                    "Split the string at the point (str.partition), fold all the digits into one "
                    "whole number with reduce(), then divide by a power of ten.",
                    "The power of ten has as many zeros as there are digits after the point; "
                    "a true division / gives a float.",
                ),
            ),
            Task(
                "product",
                "Multiply numbers together with reduce(); the product of nothing is 1.",
                (
                    "What does reduce() do with a two-argument function and a list?",
                    "operator.mul (or a lambda) multiplies two numbers; reduce() applies it across "
                    "the list from the left.",
                    "reduce() takes a third argument, the start value, which is also the answer "
                    "for an empty input, a list or a generator alike (no len() or truth test "
                    "needed). What start leaves a product unchanged?",
                ),
            ),
            Task(
                "palindromes",
                "Keep the numbers that read the same backwards, with filter().",
                (
                    "What does 'reads the same backwards' mean for a number? Every digit counts, "
                    "not just the first and the last.",
                    "str(n)[::-1] is n's digits reversed. filter(predicate, iterable) keeps the "
                    "items for which predicate returns true.",
                    "The predicate is a lambda comparing a number's str() with its reverse; filter() "
                    "is lazy like map(), so wrap it in list() before returning.",
                ),
            ),
            Task(
                "odd_numbers",
                "Write an endless generator of the odd numbers from 3.",
                (
                    "A function with yield in it returns a generator; its code runs a step at a "
                    "time, on each next().",
                    "An endless generator is a while True loop that yields: it only runs as far "
                    "as someone asks.",
                    "Keep the current odd number in a variable, yield it, step it by 2; returning "
                    "a ready-made iterator instead is not a generator function.",
                ),
            ),
            Task(
                "primes",
                "Sieve the primes forever with a chain of filter() over odd_numbers().",
                (
                    "2 is the only even prime: yield it first. After that, the first number left "
                    "in the odd candidates is always a prime. Why?",
                    "Keep the candidates in a variable; each time you take a prime p from it, "
                    "replace it with filter(<not a multiple of p>, candidates). Nothing is computed "
                    "until next() asks.",
                    "A lambda made in a loop reads p when it is called, by then a later prime. "
                    "Bind p now: lambda n, p=p: ..., or a helper function that returns the lambda.",
                ),
            ),
            Task(
                "by_abs",
                "Sort numbers by absolute value with sorted(key=...), keeping ties in order.",
                (
                    "sorted() compares the items themselves unless you give it a key function. "
                    "Which built-in gives the absolute value?",
                    "key= takes a function of one item; sorted() orders by its results and keeps "
                    "items with equal keys in their original order (it is stable).",
                    "Pass the function itself as key, not a call of it; no need for a tuple key.",
                ),
            ),
            Task(
                "case_insensitive",
                "Sort words ignoring case, forwards or in reverse, keeping ties in order.",
                (
                    "Why does 'Zoo' come before 'about' in a plain sort?",
                    "Compare lower-cased words through key=str.lower; the words themselves stay as "
                    "they are.",
                    "Pass reverse to sorted() too: it keeps equal words in their order, "
                    "which reversing the result afterwards does not.",
                ),
            ),
            Task(
                "rank",
                "Sort records by score descending, then by name ascending.",
                (
                    "A key function may return a tuple: tuples compare item by item.",
                    "reverse=True reverses every part of the key. How can a number be made to sort "
                    "the other way round on its own?",
                    "A key of (negated score, name) needs no reverse at all. Or, since the sort is "
                    "stable, sort twice: by name first, then by score with reverse=True.",
                ),
            ),
        ),
    ),
    Kata(
        name="closures",
        title="Closures and lambdas",
        topic="Returning functions and anonymous functions",
        topic_zh="返回函数、匿名函数",
        tasks=(
            Task(
                "lazy_sum",
                "Return a function that adds the numbers up only when it is called.",
                (
                    "lazy_sum itself must not add anything: what can it return instead of a number?",
                    "Define a function inside lazy_sum that does the adding, and return that "
                    "function without calling it. It can still see ``nums`` after lazy_sum returns.",
                    "The inner function's body is one call of sum() over nums, which also gives 0 "
                    "for no numbers; lazy_sum's last line returns the inner function by its name, "
                    "with no parentheses after it.",
                ),
            ),
            Task(
                "make_counter",
                "Return a counter that keeps its count in a closure variable, rebound with nonlocal.",
                (
                    "Where can the count live so that it survives between calls, yet each counter "
                    "has its own?",
                    "A variable of make_counter, used by an inner function, lives on in a closure "
                    "cell. Assigning to it inside the inner function needs a declaration first.",
                    "The declaration is the keyword nonlocal followed by the variable's name, at the "
                    "top of the inner function; after it, += rebinds the cell itself.",
                ),
            ),
            Task(
                "make_multipliers",
                "Make a list of functions where the i-th multiplies by i.",
                (
                    "Try [lambda x: i * x for i in range(3)] and call each with 10. Why is every "
                    "answer 20?",
                    "A closure looks its variable up when it runs, and by then the loop is over. "
                    "Each function needs its own i, fixed when the function is made.",
                    "Default values are evaluated when the lambda is made, so a default parameter "
                    "named like the loop variable freezes its current value. A small factory "
                    "function that takes i and returns the lambda works too.",
                ),
            ),
            Task(
                "rank",
                "Return a place(name) function built from a snapshot of the results.",
                (
                    "rank returns a function; place(name) is 1 + the number of better scores. "
                    "When is the work done: when rank runs, or each time place is called?",
                    "A closure holds the variable results, so it sees every later change the "
                    "caller makes to that list. Work the places out inside rank, before you "
                    "return place, and let place only look them up.",
                    "Build a dict from each name to 1 + how many of the scores beat its own; place "
                    "indexes that dict with [], which raises KeyError for a stranger.",
                ),
            ),
            Task(
                "key_for",
                "Return a lambda that picks some fields of a dict row as a tuple, for key=.",
                (
                    "key_for does not sort anything: it returns a function that sorted() will "
                    "call on each row.",
                    "The returned lambda takes one row and builds a tuple from the requested "
                    "fields, which it remembers from key_for's arguments.",
                    "tuple(...) around a generator expression over ``fields`` builds the key; a bare "
                    "generator expression cannot be compared.",
                ),
            ),
            Task(
                "make_clamp",
                "Return a named, documented function rather than a lambda, and check the bounds early.",
                (
                    "Print a lambda's __name__. What would a traceback or a log show for it?",
                    "A def inside make_clamp gives the function a real name and room for a docstring. "
                    "make_clamp itself is the place to reject bad bounds.",
                    "Check the bounds before defining anything, so the error comes from make_clamp "
                    "itself (lo == hi is allowed); then define the inner function under the name "
                    "clamp, give it a docstring, and limit x with min() and max().",
                ),
            ),
            Task(
                "compose",
                "Compose functions right to left out of lambdas alone.",
                (
                    "compose(f, g)(x) is f(g(x)). Write compose for exactly two functions as one "
                    "lambda first: what does it take, and what does it call?",
                    "A lambda can return a lambda. compose() with nothing to compose returns a "
                    "lambda that gives back x; each function then wraps what you have so far.",
                    "functools.reduce can fold the functions, starting from that identity lambda, "
                    "with a lambda of (outer, inner) that returns a new lambda of x. A for loop "
                    "that rebinds one variable to a lambda calling that same variable calls "
                    "itself forever: bind the parts as parameters.",
                ),
            ),
        ),
    ),
    Kata(
        name="decorators",
        title="Decorators",
        topic="Decorators",
        topic_zh="装饰器",
        tasks=(
            Task(
                "logged",
                "Write a plain decorator that logs each call and keeps the function's metadata.",
                (
                    "`@logged` above `def add` runs `add = logged(add)` once. What must logged "
                    "return so that something happens at every later call?",
                    "Return an inner wrapper(*args, **kwargs) that appends to CALLS first, then "
                    "calls the original and returns its result. describe_call formats the entry.",
                    "The wrapper is a new function named 'wrapper'. functools.wraps, used as a "
                    "decorator on it with func as its argument, copies __name__, __qualname__ and "
                    "__doc__ and sets __wrapped__; every decorator of this kata needs it.",
                ),
            ),
            Task(
                "repeat",
                "Write a decorator that takes an argument: run the function n times.",
                (
                    "`@repeat(3)` first calls repeat(3); what it returns is then applied to the "
                    "function. So repeat returns a decorator.",
                    "Three levels: repeat(times) returns decorate(func), which returns "
                    "wrapper(*args, **kwargs). The inner ones see times and func through closures.",
                    "At each call the wrapper builds a new list of `times` results of func with the "
                    "same arguments (a list made outside the wrapper would grow from call to "
                    "call), and functools.wraps(func) goes on the innermost level.",
                ),
            ),
            Task(
                "log",
                "Write a decorator that works both as @log and as @log(\"text\").",
                (
                    "Used bare, log receives the function; used with parentheses, it receives a "
                    "text (or nothing) and must return a decorator.",
                    "Look at the argument first: `callable(text)` tells the two uses apart.",
                    "If it is callable, it is the function: log called with no argument gives the "
                    "decorator with the default text, which you can apply to it at once. Otherwise "
                    "return the decorator, whose wrapper appends before calling and uses wraps.",
                ),
            ),
            Task(
                "timed",
                "Time every call, including failing ones, without changing results or exceptions.",
                (
                    "The wrapper must hand back exactly what the function returns, and an "
                    "exception must reach the caller as it was raised.",
                    "try/finally runs the finally block both when the call returns and when it "
                    "raises, and does not catch the exception.",
                    "Create the timings list in timed, once per decorated function; in the finally "
                    "block append the later perf_counter() reading minus the earlier one; attach "
                    "that same list to the wrapper as an attribute, and use functools.wraps.",
                ),
            ),
            Task(
                "memoize",
                "Cache results per distinct arguments, in a cache each function owns and can clear.",
                (
                    "Where does a cache live so that it survives between calls but belongs to one "
                    "decorated function only?",
                    "Create the dict inside memoize, once per decorated function, keyed by the args "
                    "tuple. Test membership with `in`: a cached result may be 0 or None.",
                    "Attach the very dict the wrapper uses as wrapper.cache, and give "
                    "wrapper.cache_clear something that empties that same dict (its clear method "
                    "will do). functools.wraps keeps the function's name for logged to use.",
                ),
            ),
            Task(
                "retry",
                "Retry on one exception type only, and give up after n tries by re-raising.",
                (
                    "How many times is the function called in all when it always fails? What "
                    "should the caller see then?",
                    "Catch only the exception class you were given (`except exception:`); anything "
                    "else must propagate untouched. Any count of attempts lives inside the "
                    "wrapper, so that every call starts again with all its tries.",
                    "Inside the wrapper, loop over the first tries - 1 attempts, returning on "
                    "success and passing on the given exception; then make the last attempt "
                    "outside any try. functools.wraps goes on the innermost level.",
                ),
            ),
            Task(
                "cached_square",
                "Stack logged and memoize in the order that logs every call but computes once.",
                (
                    "Decorators apply from the bottom up: the top one wraps all the others.",
                    "At call time the outermost wrapper runs first. If memoize's wrapper were "
                    "outside, would a cached call reach logged's wrapper?",
                    "The decorator that must see every call goes on top.",
                ),
            ),
            Task(
                "audited",
                "Write a method decorator that keeps a separate history on each instance.",
                (
                    "A method's wrapper receives the instance first: wrapper(self, *args, **kwargs).",
                    "State created in the decorator is shared by every instance. Per-instance "
                    "state belongs on self.",
                    "On each call, create self.history if the instance has none yet, append the "
                    "call without self, and only then run the method on self and the arguments, "
                    "so a call that raises is recorded; functools.wraps(method) on the wrapper.",
                ),
            ),
        ),
    ),
    Kata(
        name="partials",
        title="Partial functions: functools.partial and partialmethod",
        topic="Partial functions",
        topic_zh="偏函数",
        tasks=(
            Task(
                "make_int2",
                "Return int2, a partial object of int that parses binary strings.",
                (
                    "int('1010', base=2) is 10. int2 is that call with base fixed in advance.",
                    "functools.partial(func, ...) returns a new callable with some arguments "
                    "already filled in. Bind base as a keyword, so that a caller can override it.",
                    "functools.partial takes the function first, then the arguments to fix, "
                    "written just as in a call of that function: base goes by name. A lambda "
                    "would work too, but it has no .func, .args or .keywords.",
                ),
            ),
            Task(
                "ranker",
                "Return sorted with key and reverse=True bound as keywords a caller may override.",
                (
                    "ranker(len)(words) should sort longest first, and ranker(len)(words, "
                    "reverse=False) shortest first. A lambda with a fixed signature cannot do both.",
                    "A partial merges the caller's keywords over the bound ones, so any bound "
                    "keyword can still be overridden.",
                    "Give functools.partial the function sorted, then both keywords as you would "
                    "write them in a call of sorted; negating the key instead of reverse=True "
                    "fails for keys that give strings.",
                ),
            ),
            Task(
                "power_of",
                "Bind the base of pow as its first positional argument.",
                (
                    "power_of(2)(10) must be 1024, that is pow(2, 10). Which argument of pow is "
                    "fixed, and which does the caller give?",
                    "Positional arguments bound in a partial come first; the caller's positional "
                    "arguments are appended after them.",
                    "Bind base positionally, right after the built-in pow, with no keyword: then "
                    "power_of(2)(10, 1000) becomes pow(2, 10, 1000). operator.pow and math.pow take "
                    "no third argument.",
                ),
            ),
            Task(
                "explain",
                "Describe a partial from its .func, .args and .keywords.",
                (
                    "Try p = functools.partial(int, base=2) in a REPL and look at p.func, p.args "
                    "and p.keywords.",
                    "The bound positional values come first, then '...' for the caller's, then the "
                    "keywords. repr() writes a string with its quotes.",
                    "Build a list of parts in that order and join it with ', '. An f-string's !r "
                    "writes repr(value); keywords.items() keeps the order they were bound in; the "
                    "name is func.__name__ (not __qualname__).",
                ),
            ),
            Task(
                "Partial",
                "Write your own partial class with .func, .args and .keywords.",
                (
                    "Store what __init__ receives; __call__ combines it with what the caller gives. "
                    "In which order do the positional arguments go?",
                    "Bound positionals first, then the caller's. For the keywords build a new dict "
                    "in which the caller's keywords win; never update the stored one.",
                    "One call may unpack two tuples, the stored args then the caller's, and one "
                    "dict merged so that the caller's keywords come last and win. Keep the "
                    "keywords on the instance, never on the class. A / after func in __init__ "
                    "(and after self in __call__) frees those names for keywords.",
                ),
            ),
            Task(
                "Light",
                "Make turn_on and turn_off partialmethod objects of set_state.",
                (
                    "Inside a class body, functools.partial(set_state, True) would call "
                    "set_state(True): where did self go?",
                    "functools.partialmethod is the method version of partial: it is a descriptor, "
                    "so the instance is passed first and the bound arguments after it.",
                    "Replace both placeholder defs with class attributes made by "
                    "functools.partialmethod from set_state and True or False. set_state stores "
                    "the value it is given: turning on a lit light leaves it on.",
                ),
            ),
        ),
    ),
    Kata(
        name="modules",
        title="Modules, __main__, __all__, packages and optional dependencies",
        topic="Modules and third-party modules",
        topic_zh="模块（使用模块、使用第三方模块）",
        tasks=(
            Task(
                "main",
                "Print a self-test line when the file runs as a script, and nothing when imported.",
                (
                    "Put print('hello') at the top level of a module and import it from another "
                    "file. When does the print run?",
                    "Every module has a __name__: its own name when imported, '__main__' when the "
                    "file is the program being run.",
                    "Write main() with the print, and call it at the very bottom only inside an "
                    "if that compares __name__ with the script's name.",
                ),
            ),
            Task(
                "__all__",
                "Make from modules import * copy the public API and nothing else.",
                (
                    "Run `from modules import *` in a REPL and then dir(): where did json, "
                    "importlib and annotations come from?",
                    "Without __all__, a star-import copies every global whose name does not start "
                    "with _. A module-level __all__ replaces that rule.",
                    "__all__ is a list of strings: the names of the six public functions the "
                    "stub's comment lists, nothing else.",
                ),
            ),
            Task(
                "_normalize",
                "Write a private helper that turns a plugin name into a module name.",
                (
                    "Module names cannot contain '-' or spaces, but people type 'Fast-JSON '.",
                    "The leading underscore is the privacy: keep the helper out of __all__, and "
                    "call it as _normalize(...) inside the module.",
                    "str has methods to strip whitespace at both ends, to lower-case and to "
                    "replace one substring with another; each returns a new str, so they chain.",
                ),
            ),
            Task(
                "load_plugin",
                "Import a plugin by a name known only at run time, with a clear error when missing.",
                (
                    "`import name` needs the name written in the source. Which function of "
                    "importlib takes the module name as a string?",
                    "importlib.import_module('json.decoder') returns the submodule itself; "
                    "__import__ would return the package json. A missing module raises "
                    "ModuleNotFoundError, a subclass of ImportError.",
                    "A plugin that imports a library which is not installed raises "
                    "ModuleNotFoundError too. Print the exception's .name in both cases: which "
                    "one names your plugin?",
                    "Catch ModuleNotFoundError only; when its name is the plugin's module or a "
                    "package above it, raise LookupError from it, otherwise re-raise it as it is.",
                ),
            ),
            Task(
                "fast_json_dumps",
                "Use orjson when it is installed and fall back to json when it is not.",
                (
                    "`import orjson` raises an exception when the package is not installed. "
                    "Which one, and can you catch it?",
                    "Keep only the import inside the try: an error raised by orjson.dumps itself "
                    "must not send you to the fallback. orjson.dumps returns bytes: decode them.",
                    "To write like orjson, json.dumps needs two keyword arguments: one that drops "
                    "the spaces after , and :, one that keeps non-ASCII letters as they are.",
                ),
            ),
            Task(
                "get_settings",
                "Keep one settings dict in the module, built once and shared by every caller.",
                (
                    "A module's top-level code runs once, however often it is imported: its "
                    "globals are a natural place for shared state.",
                    "Keep the dict in a module global that starts as None, and build it only when "
                    "it is still None (test with `is None`: an emptied dict is falsy too).",
                    "Assigning to a module global inside a function needs a `global` statement "
                    "naming it (and the counter too).",
                ),
            ),
            Task(
                "import_from",
                "Make a folder of packages importable through sys.path and import a dotted name from it.",
                (
                    "Where does Python look when it meets `import shop`? Print sys.path.",
                    "sys.path is a plain list of folders, searched in order: you can insert into it "
                    "and test membership with `in`. A package is a folder with an __init__.py.",
                    "Insert the folder at index 0 only when it is not on sys.path yet, then let "
                    "importlib import the dotted name: it imports the package first.",
                ),
            ),
            Task(
                "is_installed",
                "Tell whether a module could be imported, without importing it.",
                (
                    "Importing a module to see whether it exists runs all of its top-level code. "
                    "Can you ask without running it?",
                    "importlib.util has a function that finds a module's spec: where it would be "
                    "loaded from, without loading it.",
                    "That function gives None when no finder knows the module, and also when "
                    "sys.modules holds None for it: compare its result with None.",
                ),
            ),
        ),
        # import_from's lesson is to edit sys.path, which the scan calls builtins-tamper.
        permits=("dynamic-code", "builtins-tamper"),
    ),
    Kata(
        name="classes",
        title="Classes, instances, inheritance and polymorphism",
        topic="Object-oriented programming",
        topic_zh="面向对象编程",
        tasks=(
            Task(
                "Student",
                "Write a class with __init__, a method, a class-level counter and per-instance tags.",
                (
                    "__init__(self, name, score) stores what each student needs on self; grade() "
                    "reads self.score.",
                    "An attribute written as self.x belongs to one instance, even when the class "
                    "has an x too. Where must the counter be incremented so that all students "
                    "share it?",
                    "Update the counter through the class by name, and create the tags list inside "
                    "__init__ so that every student gets a new one.",
                ),
            ),
            Task(
                "Animal",
                "Write Animal and its subclasses Dog and Cat, each running its own way.",
                (
                    "class Dog(Animal): makes Dog inherit every method of Animal; defining run() "
                    "again in Dog overrides it.",
                    "Dog's __init__ has one more parameter than Animal's. Let Animal set up what "
                    "it knows about instead of repeating its code.",
                    "Dog.__init__ hands the name on through super(), never by naming Animal (a "
                    "subclass may put another class in between), then stores the breed; Cat "
                    "writes no __init__ at all.",
                ),
            ),
            Task(
                "run_twice",
                "Call any object's run() twice, whatever its class.",
                (
                    "Does run_twice need to know which class it was given?",
                    "Python looks run up on the object itself, so each class's own run() is used: "
                    "no isinstance or type checks needed, and non-Animals work too.",
                    "Each call may answer differently (a robot counts its steps): call run() once "
                    "for each result you return, and return the results in a list.",
                ),
            ),
            Task(
                "Puppy",
                "Extend Dog one more level with super(), for both __init__ and run.",
                (
                    "Puppy(name, breed, months) is a Dog with one more attribute.",
                    "super() finds the next class up (Dog), whose __init__ in turn calls "
                    "Animal's: each level hands on only what the level above needs.",
                    "Neither method names Dog: __init__ passes name and breed on through super(), "
                    "and run asks super() for Dog's text and adds the suffix to it.",
                ),
            ),
            Task(
                "describe",
                "Report an object's exact type and which of Animal, Dog and Cat it is an instance of.",
                (
                    "Compare type(Dog('x')) == Animal with isinstance(Dog('x'), Animal). Which "
                    "one knows that a Dog is an Animal?",
                    "type(obj).__name__ is the exact class's name; isinstance also accepts "
                    "instances of subclasses.",
                    "Build the list with a comprehension over (Animal, Dog, Cat) that keeps the "
                    "classes obj is an instance of, by name.",
                ),
            ),
            Task(
                "get_attr_or_default",
                "Read an attribute by a name held in a string, with a default when it is missing.",
                (
                    "obj.name needs the name in the source code. Which builtin takes the name as "
                    "a string?",
                    "obj.__dict__ only holds instance attributes: class attributes, methods and "
                    "properties live on the class, and getattr finds them all.",
                    "getattr has an optional third argument that is returned instead of raising "
                    "AttributeError; no try/except needed, and no test of the value's truth "
                    "(0 and '' are attributes too).",
                ),
            ),
            Task(
                "copy_attrs",
                "Copy the named attributes that one object has onto another with setattr.",
                (
                    "hasattr tells you whether an attribute exists, getattr reads it and setattr "
                    "writes it, all by name.",
                    "Writing into obj.__dict__ skips property setters and fails for classes with "
                    "__slots__; setattr goes through the class like obj.x = v does.",
                    "Loop over names once (a generator cannot be read twice); when src has the "
                    "attribute, set it on dst and remember the name in the list you return.",
                ),
            ),
        ),
    ),
    Kata(
        name="access_control",
        title="Private names, setters, properties and invariants",
        topic="Access restriction",
        topic_zh="访问限制",
        tasks=(
            Task(
                "Vault",
                "Keep a secret in a double-underscore attribute that outsiders cannot read as obj.__secret.",
                (
                    "How many underscores make Python rename an attribute written inside a class?",
                    "An attribute written self.__name inside class Vault is stored as _Vault__name; "
                    "print(vars(v)) to see it.",
                    "__init__ stores the secret under that double-underscore name and nothing else; "
                    "check compares the guess with it for equality (`in` would let a part of it, "
                    "or '', through).",
                ),
            ),
            Task(
                "peek",
                "Read a Vault's private secret from outside the class, by its mangled name.",
                (
                    "Name mangling renames, it does not hide. What name did Python give __secret?",
                    "From outside a class body no mangling happens, so you write the new name yourself.",
                    "The stored name is an underscore, the name of the class whose code wrote it "
                    "(Vault, even for a subclass's instance), then the attribute name.",
                ),
            ),
            Task(
                "SafeVault",
                "Subclass Vault with a PIN in its own __secret, without clobbering the parent's.",
                (
                    "Both classes use the name __secret. Inside SafeVault, what does it become?",
                    "Because each class's __secret is mangled with its own class name, the two live "
                    "side by side in the instance. Let Vault.__init__ store its part.",
                    "SafeVault.__init__ hands the secret to Vault's __init__ through super() first; "
                    "then the PIN goes under the very same private name, written inside SafeVault, "
                    "and check_pin compares with it.",
                ),
            ),
            Task(
                "Student",
                "Guard a private score with a getter and a setter that validate type and range.",
                (
                    "What should set_score do when it is given 101, or \"90\"? Which check comes first?",
                    "Check the type (TypeError) and then the range (ValueError) before storing; only "
                    "a value that passes both is stored. Note that True is an instance of int.",
                    "Have __init__ call set_score, so a new Student is checked the same way.",
                ),
            ),
            Task(
                "User",
                "Use @property for a read-only username and a validating email setter.",
                (
                    "A property with a getter only is read-only: what happens on assignment?",
                    "Declare the getter with @property and the checked setter with @email.setter; "
                    "store the values in private attributes with other names.",
                    "In __init__, assign self.email = email so the setter's checks run; str.partition "
                    "splits an address at its first @.",
                ),
            ),
            Task(
                "BankAccount",
                "Keep a balance that can never go negative, with read-only access and a copied history.",
                (
                    "List every way code outside the class could make the balance wrong, and shut each one.",
                    "A private balance behind a property without setter; check an amount fully before "
                    "changing anything; hand out copies, not your own list; make the list per "
                    "account, in __init__.",
                    "numbers.Real covers int, float and Fraction but not Decimal, and a bool passes "
                    "as an int. NaN is neither > 0 nor <= 0, and math.isfinite is False for NaN "
                    "and for the infinities.",
                    "Write one helper that checks an amount (its type, then that it is finite, then "
                    "its sign) and call it from __init__, deposit and withdraw; compare with the "
                    "balance before subtracting.",
                ),
            ),
        ),
    ),
    Kata(
        name="advanced_oop",
        title="Slots, properties, mixins, special methods, Enum and classes made at run time",
        topic="Advanced object-oriented programming",
        topic_zh="面向对象高级编程",
        tasks=(
            Task(
                "Point",
                "Write a slotted Point whose repr rebuilds it and whose str is (x, y).",
                (
                    "Which class attribute fixes the fields an instance may have and removes its __dict__?",
                    "__slots__ lists the field names. A good repr is the code that makes the object: "
                    "eval(repr(p)) == p needs an __eq__ that compares the classes, then the "
                    "coordinates (NotImplemented for anything else).",
                    "Format each coordinate with !r inside the repr, and take the class name from "
                    "type(self).__name__ rather than writing it by hand.",
                ),
            ),
            Task(
                "Vector",
                "Subclass Point without getting a __dict__ back, and add + and abs().",
                (
                    "Make a Vector and print(hasattr(v, '__dict__')). Why is it True?",
                    "__slots__ is per class: a subclass with no __slots__ of its own gets a __dict__. "
                    "A subclass that adds no field declares an empty one.",
                    "__add__ builds a new Vector from the summed coordinates and changes neither "
                    "operand; math has a function for the length of (x, y).",
                ),
            ),
            Task(
                "Screen",
                "Give width and height validating setters and compute a read-only resolution.",
                (
                    "If resolution were stored in __init__, what would it say after s.width = 1920?",
                    "Store width and height behind properties with setters that check type and sign; "
                    "resolution is a property without setter that multiplies them when asked.",
                    "Have __init__ assign self.width and self.height so the setters run; remember "
                    "that True is an int.",
                ),
            ),
            Task(
                "WebService",
                "Combine Service with two cooperative mixins in the right MRO order.",
                (
                    "Print [c.__name__ for c in WebService.__mro__]: which start() runs first, and "
                    "which one ends the chain?",
                    "Service.start does not call super(), so it must come last among the bases; each "
                    "mixin records its step and hands over with super().start().",
                    "List the mixins before the base class, in the order their steps should appear, "
                    "then delete the placeholder start() of WebService.",
                ),
            ),
            Task(
                "Fib",
                "Make a sequence that supports len, repeatable lazy iteration, indices and slices.",
                (
                    "What does f[2:6] pass to __getitem__? Try printing the argument.",
                    "__getitem__ receives either an int or a slice object; handle negative ints the way "
                    "lists do. __iter__ as a generator function gives a fresh iterator every time.",
                    "For a slice, you may build the numbers and let a list apply the slice; for an int, "
                    "add len(self) when it is negative, then check the range (Fib(0) has none).",
                ),
            ),
            Task(
                "Chain",
                "Build a URL path from attribute access and calls with __getattr__ and __call__.",
                (
                    "__getattr__ is called only when normal lookup fails: what should Chain().users return?",
                    "Return a new Chain with the name appended, never change self; __call__ appends "
                    "its argument the same way; __str__ gives the path.",
                    "Raise AttributeError for names that start with an underscore, or hasattr and "
                    "copy.copy will get a path segment where they expect nothing.",
                ),
            ),
            Task(
                "Weekday",
                "Define the days of the week as an Enum with a weekend test and a next day.",
                (
                    "Weekday(3) and Weekday['WEDNESDAY'] should both give the same member: which base "
                    "class gives you that?",
                    "Members of an enum.Enum are singletons, iterated in definition order; a method or "
                    "property on the Enum works on every member.",
                    "For next(), the value after 7 should be 1: the % operator brings it back round.",
                ),
            ),
            Task(
                "Plugin",
                "Register every subclass of Plugin by name as it is defined, with __init_subclass__.",
                (
                    "Which special method runs on the base class each time someone writes class X(Plugin)?",
                    "__init_subclass__(cls, name=None, **kwargs) receives the new class and its class "
                    "keywords; keep one dict on Plugin and leave Plugin itself out of it.",
                    "Hand the other class keywords on to super() first; then store cls in Plugin's "
                    "one dict under the name keyword, or the lower-cased class name without it. "
                    "create looks the key up and calls what it finds.",
                ),
            ),
            Task(
                "make_class",
                "Build a class at run time by calling type(name, bases, namespace).",
                (
                    "A class statement is run by calling type with three arguments. Try "
                    "type('A', (), {'x': 1}) in a REPL: what are the three?",
                    "The namespace dict holds what a class body would define: __slots__, and "
                    "functions for __init__ and __repr__ written inside make_class, which see the "
                    "fields through their closure.",
                    "Copy the fields into a tuple first; __init__ takes *values, checks how many "
                    "came and sets each with setattr; __repr__ joins field=value pairs with !r.",
                ),
            ),
            Task(
                "AddMeta",
                "Write a metaclass that gives every class it makes an add method, and make MyList with it.",
                (
                    "A metaclass is a subclass of type: class X(metaclass=M) makes Python call "
                    "M(name, bases, namespace) to build X.",
                    "In __new__, the namespace is the dict of what the class body defined: put a "
                    "function into it before handing over to type's __new__ through super().",
                    "Write the add function once outside the class (append, then return self), "
                    "add it only when the namespace has no 'add' yet, and give MyList the "
                    "metaclass= keyword.",
                ),
            ),
            Task(
                "attach",
                "Bind a plain function to one instance as a method with types.MethodType.",
                (
                    "Assign a plain function to obj.greet and call obj.greet('Ada'): who passes "
                    "self?",
                    "types.MethodType(func, obj) makes by hand the bound method that obj.method "
                    "gives for a function defined in the class.",
                    "Store that bound method on the instance under the given name, leave type(obj) "
                    "alone, and let a slotted object's AttributeError through.",
                ),
            ),
        ),
    ),
    Kata(
        name="iou",
        title="Intersection over union and non-maximum suppression",
        topic="IoU and NMS",
        topic_zh="IoU计算",
        track="ml",
        tasks=(
            Task(
                "iou",
                "Compute the intersection over union of two corner-format boxes.",
                (
                    "Draw two overlapping boxes: the intersection is itself a box. Which of the "
                    "four corner values bound it on each side?",
                    "Its left edge is the larger of the two left edges and its right edge the "
                    "smaller of the right edges (same for top and bottom); a side that comes out "
                    "negative means no overlap on that axis.",
                    "Clamp the width and the height at 0 one by one, then union = area_a + area_b "
                    "- intersection; return 0.0 when the union is not positive.",
                ),
            ),
            Task(
                "iou_matrix",
                "Compute the IoU of every pair of boxes from two sets at once, without a loop.",
                (
                    "A double loop calling iou() is correct and very slow: numpy can compare "
                    "every box of A with every box of B in one expression.",
                    "Index with None to add an axis: a[:, None, :2] has shape (N, 1, 2) and "
                    "b[None, :, :2] has shape (1, M, 2); np.maximum of the two broadcasts to "
                    "(N, M, 2).",
                    "Do the same for the bottom-right corners, clip the difference at 0 and "
                    "multiply its two channels; np.divide(..., where=union > 0) with a zero "
                    "`out` keeps empty unions at 0.",
                ),
            ),
            Task(
                "nms",
                "Keep the best boxes and drop those that overlap a kept box too much.",
                (
                    "Sort the candidates by score, best first; the best one is always kept. "
                    "Which of the others does it rule out?",
                    "After keeping a box, remove from the candidates every box whose IoU with it "
                    "is greater than the threshold, then repeat on what is left. A removed box "
                    "never removes another one.",
                    "np.argsort(-scores, kind=\"stable\") gives best first with ties by index; "
                    "iou_matrix of the kept box against the remaining ones gives one row to "
                    "filter them with.",
                ),
            ),
        ),
    ),
    Kata(
        name="conv_arithmetic",
        title="Feature-map sizes, receptive fields and dilated convolution",
        topic="Convolution arithmetic",
        topic_zh="CNN中特征图的计算、感受野、空洞卷积",
        track="ml",
        tasks=(
            Task(
                "conv_output_size",
                "Compute a convolution's output length along one axis as PyTorch does.",
                (
                    "Count the positions where the window fits: the first starts at 0 of the "
                    "padded input, and each next one is `stride` further.",
                    "The padded input has size + 2*padding positions and a dilated kernel spans "
                    "dilation*(kernel-1)+1 of them; how far can the last start be?",
                    "Divide that last start by the stride with integer division (a window that "
                    "does not fit is dropped), then add the first window.",
                ),
            ),
            Task(
                "pool_output_size",
                "Compute a pooling layer's output length, with PyTorch's stride default and ceil_mode.",
                (
                    "A pooling layer with no stride given moves by its own kernel size.",
                    "ceil_mode rounds the division up instead of down, so a last, partial "
                    "window counts; math.ceil does that.",
                    "PyTorch then checks where that last window starts: at (out-1)*stride in "
                    "padded coordinates; at or beyond size + padding it lies entirely in the "
                    "right padding and is not counted.",
                ),
            ),
            Task(
                "transposed_conv_output_size",
                "Compute a transposed convolution's output length.",
                (
                    "A transposed convolution goes the other way: it maps a conv's output size "
                    "back to its input size.",
                    "Solve the conv formula for the input: (size - 1) * stride steps, plus the "
                    "span of the kernel, minus the padding taken off both sides.",
                    "With stride > 1 several inputs give the same conv output; output_padding "
                    "(added once) says which one to rebuild.",
                ),
            ),
            Task(
                "effective_kernel",
                "Compute how many input positions a dilated kernel spans.",
                (
                    "Draw a 3-tap kernel with dilation 2: tap, gap, tap, gap, tap.",
                    "There are kernel - 1 spaces between the taps and each is `dilation` wide.",
                    "Add the one position of the first tap to the width of the spaces.",
                ),
            ),
            Task(
                "receptive_field",
                "Compute the receptive field of a stack of (kernel, stride, dilation) layers.",
                (
                    "One 3x3 conv sees 3 pixels; two stacked see 5. Each layer adds its "
                    "effective kernel minus 1 ... in units of what?",
                    "Neighbouring units of a layer are as far apart in the input as the product "
                    "of the strides of the layers below it: call that the jump.",
                    "Start with field = 1 and jump = 1; for each layer from the input up, add "
                    "(effective kernel - 1) * jump, then multiply jump by that layer's stride.",
                ),
            ),
            Task(
                "conv2d",
                "Compute a multi-channel 2-D cross-correlation with stride, padding and dilation.",
                (
                    "Start with loops: each output pixel (o, i, j) is the sum over channels and "
                    "kernel taps of input times weight. PyTorch does not flip the kernel.",
                    "Pad with np.pad, then tap (u, v) of output pixel (i, j) reads padded row "
                    "i*stride + u*dilation and column j*stride + v*dilation.",
                    "To vectorise: sliding_window_view(padded, spans, axis=(1, 2)) gives every "
                    "window; slice it by the strides and dilations, then np.einsum with the "
                    "weights sums channels and taps at once.",
                ),
            ),
        ),
    ),
    Kata(
        name="pooling",
        title="Pooling, its backward pass, and upsampling",
        topic="Pooling and upsampling",
        topic_zh="池化层作用及其反向传播、CNN中的上采样方法",
        track="ml",
        tasks=(
            Task(
                "max_pool2d",
                "Take the maximum of every kernel x kernel window, the windows stride apart.",
                (
                    "How many windows fit along one axis? The same count as for a conv with no "
                    "padding and no dilation.",
                    "Window (i, j) is x[i*stride : i*stride + kernel, j*stride : j*stride + kernel].",
                    "sliding_window_view(x, (kernel, kernel)) gives every stride-1 window; slice "
                    "it [::stride, ::stride] and reduce the last two axes.",
                ),
            ),
            Task(
                "max_pool2d_backward",
                "Send each window's gradient to the first maximum of that window.",
                (
                    "Only the maximum of a window changed the output, so only it gets a gradient; "
                    "every other input of the window gets 0 from that window.",
                    "argmax of a window flattened row by row gives its first maximum; "
                    "divmod(index, kernel) turns it into a row and column offset inside the window.",
                    "Windows can overlap, so one input may be the maximum of several: add the "
                    "gradients (np.add.at adds at repeated indices, plain assignment does not).",
                ),
            ),
            Task(
                "avg_pool2d",
                "Take the mean of every kernel x kernel window, the windows stride apart.",
                (
                    "The windows are the same as for max pooling; only the summary changes.",
                    "The mean of a window is its sum over kernel * kernel inputs, a float even "
                    "for integer inputs.",
                    "Reduce the windows' last two axes with .mean(axis=(2, 3)).",
                ),
            ),
            Task(
                "avg_pool2d_backward",
                "Spread each window's gradient evenly over its inputs, adding where windows overlap.",
                (
                    "Each input of a window contributed 1 / kernel**2 of its mean: that is its "
                    "share of the window's gradient.",
                    "Start from zeros shaped like x and add grad_out / kernel**2 to every input of "
                    "every window; inputs in several windows collect several shares.",
                    "Instead of looping over windows, loop over the kernel offsets (u, v): the "
                    "inputs at offset (u, v) of all windows form one strided slice of x.",
                ),
            ),
            Task(
                "upsample_nearest",
                "Enlarge an image by an integer factor, copying each pixel into a block.",
                (
                    "Output pixel (i, j) is a copy of input pixel (i // scale, j // scale).",
                    "Repeat each row scale times, then each column scale times.",
                    "np.repeat(a, scale, axis=...) repeats elements in place; np.tile repeats "
                    "the whole array, which is not what you want.",
                ),
            ),
            Task(
                "upsample_bilinear",
                "Resize an image by bilinear interpolation as PyTorch does, for both align_corners.",
                (
                    "For each output index find its source point in input coordinates, per axis; "
                    "the value mixes the two input pixels around it, then the same along the other axis.",
                    "align_corners=True maps output 0 to input 0 and the last output to the last "
                    "input; False maps pixel centres: src = (i + 0.5) * in / out - 0.5, clamped at 0.",
                    "With low = floor(src), high = min(low + 1, in - 1) and frac = src - low, a "
                    "row of outputs is x[low] * (1 - frac) + x[high] * frac; do rows, then columns.",
                ),
            ),
        ),
    ),
    Kata(
        name="normalization",
        title="Batch normalisation, layer normalisation and dropout",
        topic="Normalisation and dropout",
        topic_zh="BN、Layer Normalization、dropout可以防止过拟合的解释",
        track="ml",
        tasks=(
            Task(
                "batch_norm",
                "Batch-normalise (N, D) activations in training and eval mode, with running statistics.",
                (
                    "Batch norm works per feature (column): which axis do you reduce over, and "
                    "what changes between training and eval?",
                    "Training: x.mean(axis=0) and x.var(axis=0) (biased, divides by N) normalise; "
                    "the running variance is updated with x.var(axis=0, ddof=1). Eval: the running "
                    "statistics normalise and come back unchanged.",
                    "momentum is the weight of the new batch: new = (1 - momentum) * old + "
                    "momentum * batch; eps goes inside the square root, next to the variance.",
                ),
            ),
            Task(
                "batch_norm_backward",
                "Compute the gradients of training-mode batch norm with respect to x, gamma and beta.",
                (
                    "beta is added to every row and gamma multiplies x_hat: their gradients are "
                    "sums over the batch.",
                    "x reaches the output three ways: directly, through the batch mean, and "
                    "through the batch variance. Treating mean and variance as constants misses "
                    "two of them.",
                    "Work it out on paper or stage it node by node; the result fits on one line "
                    "with grad_out.mean(axis=0) and (grad_out * x_hat).mean(axis=0), and each "
                    "column of dx sums to 0.",
                ),
            ),
            Task(
                "layer_norm",
                "Normalise each row over its own features.",
                (
                    "Layer norm is batch norm turned sideways: statistics per sample, not per feature.",
                    "Reduce over the last axis and keep it (keepdims=True) so the statistics "
                    "broadcast back against x.",
                    "Biased variance, eps under the square root, then gamma * x_hat + beta with "
                    "gamma and beta of shape (D,).",
                ),
            ),
            Task(
                "dropout",
                "Apply inverted dropout with a boolean mask drawn from the given rng.",
                (
                    "p is the probability to *drop*; each element is kept with probability 1 - p, "
                    "independently, and at eval time nothing is dropped.",
                    "rng.random(x.shape) gives uniform numbers in [0, 1): compare them with p to "
                    "get a boolean mask, True where kept. Use rng, never np.random.",
                    "Divide the survivors by 1 - p so the expected output equals x; then the "
                    "network needs no rescaling at inference.",
                ),
            ),
        ),
    ),
    Kata(
        name="tfidf",
        title="TF-IDF document vectors, as scikit-learn computes them",
        topic="TF-IDF",
        topic_zh="TF-IDF",
        track="ml",
        tasks=(
            Task(
                "term_frequency",
                "Count how many times each term occurs in a tokenised document.",
                (
                    "The document is already a list of tokens: no splitting, no lower-casing.",
                    "A dict from term to count, built in one pass over the tokens.",
                    "collections.Counter counts for you; dict(...) turns it into a plain dict.",
                ),
            ),
            Task(
                "inverse_document_frequency",
                "Compute scikit-learn's smooth idf of every term of a collection.",
                (
                    "idf is large for rare terms and small for terms found everywhere; what does "
                    "'found in a document' mean for a term the document repeats?",
                    "df is the number of documents containing the term: iterate over set(doc) for "
                    "each document, so repeats count once.",
                    "Smooth idf pretends one extra document holds every term: ln((1 + n) / (1 + df)), "
                    "then + 1 so a term in every document keeps a weight of 1.",
                ),
            ),
            Task(
                "tfidf_vectors",
                "Build the L2-normalised tf-idf matrix of a collection with its sorted vocabulary.",
                (
                    "One row per document and one column per term of the sorted vocabulary; a "
                    "term missing from a document has weight 0 there.",
                    "Each weight is the raw count times the term's smooth idf; then divide each "
                    "row by its length (np.linalg.norm(rows, axis=1, keepdims=True)).",
                    "An empty document has a zero row and a zero norm: np.divide(..., where=norms > 0) "
                    "with a zero `out` leaves it at 0 instead of NaN.",
                ),
            ),
            Task(
                "top_terms",
                "List a document's k heaviest tf-idf terms, ties in alphabetical order.",
                (
                    "Reuse tfidf_vectors on all the documents and read the row of `index`.",
                    "Keep only the terms whose weight is above 0: the others are not in the document.",
                    "Sort with a key that makes both rules one tuple: heavier first, then "
                    "alphabetical; (-weight, term) does it, then slice [:k].",
                ),
            ),
            Task(
                "cosine_similarity",
                "Compute the cosine of the angle between two vectors, 0.0 for a zero vector.",
                (
                    "The cosine ignores length: scaling a vector must not change it.",
                    "Divide the dot product by the product of the two L2 norms.",
                    "When a norm is 0 the angle is undefined: return 0.0 before dividing.",
                ),
            ),
        ),
    ),
    Kata(
        name="word_vectors",
        title="Static word vectors, analogies and subwords for rare words",
        topic="Word vectors",
        topic_zh="静态词向量、针对低频词的词向量学习改进方案",
        track="ml",
        tasks=(
            Task(
                "most_similar",
                "Find the k words whose vectors are nearest to a word's by cosine similarity.",
                (
                    "Nearest means smallest angle, not largest dot product: a frequent word's long "
                    "vector should not win just by its length.",
                    "Stack the other words' vectors into a matrix: one matrix-vector product gives "
                    "every dot product, and dividing by both norms turns them into cosines.",
                    "Leave the word itself out before ranking, guard a zero norm, then np.argsort "
                    "of the negated cosines gives best first; keep k.",
                ),
            ),
            Task(
                "analogy",
                "Answer 'a is to b as c is to ?' with the words nearest to b - a + c.",
                (
                    "man -> king is an offset (royalty); add that offset to woman and look around "
                    "the point you reach.",
                    "The target is table[b] - table[a] + table[c], the vectors as they are; then it "
                    "is the same search as most_similar, around the target instead of a word.",
                    "The three question words are often the nearest to the target: leave all three "
                    "out of the candidates.",
                ),
            ),
            Task(
                "char_ngrams",
                "List the character n-grams of a word wrapped in < and >, as fastText does.",
                (
                    "fastText marks the word's start and end so a prefix and a suffix differ from "
                    "the same letters inside a word: work on '<' + word + '>'.",
                    "For each n from n_min to n_max inclusive, take every slice of length n, "
                    "starting at 0, 1, ... while it still fits.",
                    "Keep repeats: 'aaa' has the 2-gram 'aa' twice. One comprehension over n "
                    "and over the start index does it, n in the outer loop.",
                ),
            ),
            Task(
                "subword_vector",
                "Build a vector for a rare or unseen word from its known character n-grams.",
                (
                    "An unseen word has no vector of its own, but it shares n-grams with words "
                    "that do: average what the table knows.",
                    "Take char_ngrams(word, n_min, n_max), keep those in the table (each "
                    "occurrence), and average their vectors with np.mean(..., axis=0).",
                    "When none is known, np.mean of nothing is NaN: return np.zeros of the "
                    "dimension of any vector of the table instead.",
                ),
            ),
            Task(
                "sentence_vector",
                "Average the vectors of a sentence's known words.",
                (
                    "The simplest sentence embedding is a bag of words: the mean of its words' vectors.",
                    "Skip unknown words entirely; counting them as zero vectors drags the mean "
                    "towards the origin.",
                    "Same shape as subword_vector: collect, then average, with a zero vector of the "
                    "table's dimension when nothing is known.",
                ),
            ),
        ),
    ),
    Kata(
        name="attention",
        title="Attention: stable softmax, masks, scaled dot-product and multi-head, positions",
        topic="The Transformer's attention",
        topic_zh="Transformer：注意力分数的缩放、多头、Mask 机制、Positional Encoding",
        track="ml",
        tasks=(
            Task(
                "softmax",
                "Compute a softmax along an axis that stays finite for logits of 1000.",
                (
                    "Try np.exp(1000.0). Softmax does not change if you subtract the same number "
                    "from every logit of a row: which number makes every exp() at most 1?",
                    "Subtract the maximum along the axis, with keepdims=True so it broadcasts "
                    "back; each row needs its own maximum, not the whole array's.",
                    "Exponentiate the shifted logits once, then divide them by their own sum along "
                    "the same axis (keepdims again, so the division lines up).",
                ),
            ),
            Task(
                "padding_mask",
                "Build the (batch, max_len) boolean mask that is True on real tokens.",
                (
                    "Position t of sequence b is real when t < lengths[b]. Can you compare every "
                    "position with every length at once?",
                    "np.arange(max_len) is a row of positions; the lengths as a column "
                    "(lengths[:, None]) broadcast against it to a (B, max_len) table.",
                    "A comparison of arrays already gives a boolean array: no ints, no loop.",
                ),
            ),
            Task(
                "causal_mask",
                "Build the (n, n) lower-triangular boolean mask, diagonal included.",
                (
                    "Row i is a query, column j a key: which keys may position i see in a decoder?",
                    "Keys 0..i: the lower triangle with the diagonal. np.tril keeps exactly that "
                    "part of a matrix.",
                    "Whichever way you build it, return booleans: a triangle cut from a boolean "
                    "matrix of ones, or a comparison of column indexes with row indexes.",
                ),
            ),
            Task(
                "scaled_dot_product_attention",
                "Compute softmax(q k^T / sqrt(d)) v with masks: exact zeros, no NaN on empty rows.",
                (
                    "Start without a mask: scores are (..., T_q, T_k), softmax runs over the keys "
                    "(the last axis), and the scale is the square root of q's last dimension.",
                    "For k^T swap only the last two axes (np.swapaxes(k, -1, -2)); k.T reverses all "
                    "of them. For a mask, put -inf where it is False: exp(-inf) is exactly 0, "
                    "which no finite 'large negative' number guarantees.",
                    "A row that is False everywhere is all -inf, and softmax gives 0/0 = NaN: find "
                    "such rows with mask.any(axis=-1, keepdims=True), give them harmless finite "
                    "scores, and after the softmax set every masked weight back to 0.",
                ),
            ),
            Task(
                "multi_head_attention",
                "Split the projections into head column blocks, attend per head, join, project.",
                (
                    "Head h owns the columns h*d_head to (h+1)*d_head of Q, K and V. How do you "
                    "give each head its own (T, d_head) block without a loop?",
                    "Reshape (T, d_model) to (T, num_heads, d_head), then transpose to "
                    "(num_heads, T, d_head); reshaping straight to (num_heads, T, d_head) mixes "
                    "rows of different positions.",
                    "Your attention works on the leading head axis as a batch; transpose the result "
                    "back to (T, num_heads, d_head), reshape to (T, d_model) and multiply by w_o.",
                ),
            ),
            Task(
                "positional_encoding",
                "Build the sinusoidal positional encoding, sines on even and cosines on odd columns.",
                (
                    "Each pair of columns (2i, 2i+1) uses one angle pos / 10000**(2i/d_model): "
                    "sine in the even column, cosine in the odd one.",
                    "Make a column of positions and a row of even indexes np.arange(0, d_model, 2); "
                    "their broadcast quotient is the (length, ceil(d_model/2)) table of angles.",
                    "Fill pe[:, 0::2] with the sines and pe[:, 1::2] with the cosines; for an odd "
                    "d_model there is one cosine column fewer than sines.",
                ),
            ),
        ),
    ),
    Kata(
        name="bert_masking",
        title="BERT's masking: MLM's 15% with 80/10/10, and whole word masking",
        topic="BERT's masking strategies",
        topic_zh="BERT 的掩码策略：MLM、WWM",
        track="ml",
        tasks=(
            Task(
                "mlm_mask",
                "Choose 15% of the ordinary tokens; mask 80%, randomise 10%, keep 10% of them.",
                (
                    "Two random decisions per token: is it chosen (probability rate), and if so, "
                    "what becomes of it. Special tokens skip both.",
                    "Draw the second decision as one uniform number u in [0, 1): u < 0.8 gives "
                    "[MASK], 0.8 <= u < 0.9 a random vocabulary token, and the rest keeps the "
                    "token. The label is set for every chosen token, whatever became of it.",
                    "Copy the tokens into a new inputs list and start the labels as all None; "
                    "draw everything from rng (rng.random(), rng.integers(len(vocab))), never "
                    "from the random module or np.random's global functions.",
                ),
            ),
            Task(
                "whole_word_mask",
                "Choose whole words with probability rate and mask every piece of a chosen word.",
                (
                    "First group the pieces into words: a piece starting with ## continues the "
                    "word before it. What should a special token do to the grouping?",
                    "Keep a list of words, each a list of positions; draw one decision per word, "
                    "not per piece, so a long word is as likely to be chosen as a short one.",
                    "For every chosen word, set each of its positions to [MASK] in the inputs and "
                    "to the original piece in the labels.",
                ),
            ),
        ),
    ),
    Kata(
        name="decoding",
        title="Decoding: greedy search, beam search with a length penalty, CTC best path",
        topic="Beam search and CTC decoding",
        topic_zh="beam_search、详解CTC",
        track="ml",
        tasks=(
            Task(
                "greedy_decode",
                "Append the most probable next token until eos (kept) or max_len tokens.",
                (
                    "step(prefix) gives one log-probability per token id: which id is the most "
                    "probable?",
                    "Loop while the sequence is shorter than max_len and does not yet end with eos; "
                    "each turn, ask step about the tokens so far and append np.argmax of the answer.",
                    "Check the stopping rule before calling step again: once eos is appended the "
                    "sequence is finished, and asking step about it is a wasted call.",
                ),
            ),
            Task(
                "beam_search",
                "Keep the beam_width best hypotheses, carrying finished ones over unchanged.",
                (
                    "Keep pairs (tokens, summed log-probability), starting from ([], 0.0). A "
                    "hypothesis is finished when it ends with eos or has max_len tokens.",
                    "Each round: extend every unfinished hypothesis by every token, carry every "
                    "finished one over as it is, sort all candidates by score and keep the best "
                    "beam_width; stop when the whole beam is finished.",
                    "Score = summed log-probability / len(tokens) ** length_penalty, with eos "
                    "counted in len; rank by that score and return it with each hypothesis.",
                ),
            ),
            Task(
                "ctc_greedy_decode",
                "Decode CTC frames: argmax per frame, collapse repeats, then drop blanks.",
                (
                    "Take the best symbol of every frame first: np.argmax along the vocabulary axis.",
                    "Order matters: collapse runs of equal symbols first, then remove the blanks. "
                    "Removing blanks first would merge the two 1s of '1 _ 1' into one.",
                    "A symbol starts a new run when it differs from the symbol of the previous "
                    "frame; keep those, then keep the ones that are not the blank.",
                ),
            ),
        ),
    ),
    Kata(
        name="gradients",
        title="Vanishing and exploding gradients: sigmoid chains, residual paths, clipping",
        topic="Vanishing and exploding gradients",
        topic_zh="梯度消失，梯度爆炸",
        track="ml",
        tasks=(
            Task(
                "sigmoid",
                "Compute the sigmoid elementwise without overflowing for large |x|.",
                (
                    "Try np.exp(1000.0): for which sign of x does 1 / (1 + exp(-x)) overflow?",
                    "For x < 0 the same value is exp(x) / (1 + exp(x)), where exp only sees "
                    "negative numbers. Both forms can be written with z = exp(-|x|), which is "
                    "never above 1.",
                    "np.where evaluates both of its branches on every element, so build both "
                    "branches from z and let np.where pick between them by the sign of x.",
                ),
            ),
            Task(
                "sigmoid_grad",
                "Compute the sigmoid's derivative, at most 0.25, finite for large |x|.",
                (
                    "Differentiate 1 / (1 + exp(-x)): the result can be written with the sigmoid "
                    "itself.",
                    "The derivative is s(x) * (1 - s(x)). Where is a product p * (1 - p) of a "
                    "probability largest?",
                    "Reuse your stable sigmoid, so that ±1000 gives 0 instead of inf / inf.",
                ),
            ),
            Task(
                "sigmoid_chain_grad",
                "Multiply the layers' derivatives through depth stacked sigmoids (chain rule).",
                (
                    "Write the forward pass: h starts at x and each layer does h = sigmoid(h). "
                    "At which input is each layer's derivative taken?",
                    "Layer k's local derivative is sigmoid_grad(h) with h its own input, not x. "
                    "Keep a running product that starts at 1 (depth 0 is the identity).",
                    "In one loop over the layers: multiply the product by the local derivative, "
                    "then move h forward through the layer, in that order.",
                ),
            ),
            Task(
                "residual_chain_grad",
                "Multiply the layers' derivatives through depth residual layers h + sigmoid(h).",
                (
                    "What is the derivative of h + sigmoid(h) with respect to h?",
                    "The identity path contributes 1, so each layer multiplies the gradient by "
                    "1 + sigmoid_grad(h): never below 1.",
                    "Same loop as the sigmoid chain: update the product with the local derivative "
                    "first, then move h forward with h + sigmoid(h).",
                ),
            ),
            Task(
                "clip_by_value",
                "Clip every gradient element into [-clip_value, clip_value], in new arrays.",
                (
                    "Each element is clipped on its own: no norm is involved.",
                    "np.clip(a, low, high) returns a new array; with out= it would write into "
                    "the caller's gradient.",
                    "Build a new list with one clipped array per gradient, keeping the order.",
                ),
            ),
            Task(
                "clip_by_global_norm",
                "Rescale all gradients by one factor when their joint L2 norm exceeds max_norm.",
                (
                    "The norm is taken over every element of every array together, as if they "
                    "were one long vector; clipping each array by its own norm changes the "
                    "update's direction.",
                    "total_norm = sqrt(sum of the squares of all elements). PyTorch's factor is "
                    "max_norm / (total_norm + 1e-6); the small constant also guards zero gradients.",
                    "Apply the factor only when it is below 1, the same factor to every array, "
                    "in new arrays; otherwise return copies unchanged (never scale up).",
                ),
            ),
        ),
    ),
    Kata(
        name="missing_values",
        title="Missing values: impute with mean, median, mode or the last value, or drop",
        topic="Missing values",
        topic_zh="缺失值处理",
        track="ml",
        tasks=(
            Task(
                "fill_mean",
                "Fill every gap with the mean of the known values, in a new list.",
                (
                    "Which values are known? Only None is missing: what does `if v:` say about 0?",
                    "Collect the known values with `v is not None`, average them once, then build "
                    "a new list that takes the average where the old one had None.",
                    "statistics.fmean(known) gives the mean; guard the case where `known` is empty, "
                    "since there is nothing to average.",
                ),
            ),
            Task(
                "fill_median",
                "Fill every gap with the median of the known values, in a new list.",
                (
                    "The median is the value in the middle once the known values are sorted. What "
                    "is in the middle of four values?",
                    "For an even count there are two middle values: the median is their mean, so "
                    "[1, 2, 4, 10] has median 3.0.",
                    "statistics.median handles both counts; it raises on an empty list, so check "
                    "for known values first.",
                ),
            ),
            Task(
                "fill_mode",
                "Fill every gap with the most frequent known value, the smallest on a tie.",
                (
                    "Count how often each known value occurs: collections.Counter does it in one call.",
                    "Counter.most_common and statistics.mode return the first value seen on a tie; "
                    "the task wants the smallest of the most frequent ones.",
                    "Find the highest count, then take min() over the values that have it.",
                ),
            ),
            Task(
                "forward_fill",
                "Fill every gap with the last known value before it; leading gaps stay None.",
                (
                    "Walk the list once from the left, remembering the latest value that was not None.",
                    "Before the first known value there is nothing to remember: start the memory "
                    "at None, so leading gaps stay None.",
                    "Update the memory when `value is not None` (0 and '' are values too) and "
                    "append the memory at every position.",
                ),
            ),
            Task(
                "drop_rows",
                "Keep the rows whose share of None cells is at most the given ratio.",
                (
                    "A row's share of missing cells is the number of None cells over its length.",
                    "'At most' keeps a row whose share equals the ratio, so compare with <=; an "
                    "empty row would divide by zero, and it misses nothing.",
                    "A comprehension over the rows that tests each row's share builds a new list "
                    "and leaves the caller's list as it was.",
                ),
            ),
        ),
    ),
    Kata(
        name="linear_list",
        title="Linear lists: the average moves of an insertion and a deletion",
        topic="Average moves in a linear list",
        topic_zh="线性表插入和删除时元素平均移动次数",
        track="ml",
        tasks=(
            Task(
                "average_insert_moves",
                "Give the average number of elements an insertion moves, over every position.",
                (
                    "Inserting at position i of n elements shifts the elements from i to the end. "
                    "How many is that, and how many positions are there?",
                    "There are n + 1 positions (0 to n, the end included) and position i moves n - i "
                    "elements; the mean of n, n-1, ..., 0 is the mean of the first and the last.",
                    "Use true division so an odd n keeps its half, and refuse a negative n with "
                    "ValueError before computing anything.",
                ),
            ),
            Task(
                "average_delete_moves",
                "Give the average number of elements a deletion moves, over every position.",
                (
                    "Deleting at position i shifts the elements after i one place left. How many "
                    "positions can you delete from?",
                    "There are n positions (0 to n - 1) and position i moves n - 1 - i elements; "
                    "their mean is the mean of the first and the last of them.",
                    "An empty list has no position at all: raise ValueError when n < 1, and use true "
                    "division for the rest.",
                ),
            ),
            Task(
                "ArrayList",
                "Hold a copy of the items, with len() and to_list() returning a new list.",
                (
                    "If __init__ stores the caller's list itself, what happens to your ArrayList "
                    "when the caller appends to it?",
                    "Keep your own list built from the items; __len__ reports its length and "
                    "to_list gives a fresh copy so nobody outside can change your slots.",
                    "list(items) both copies a list and consumes any other iterable, such as a "
                    "generator.",
                ),
            ),
            Task(
                "insert",
                "Insert by shifting the tail right, and return how many elements moved.",
                (
                    "Before the new value can sit at index, every element from index to the end "
                    "must make room. Which way do you walk so nothing is overwritten?",
                    "Grow the storage by one slot, copy slots from the back down to index + 1 from "
                    "their left neighbour, then write the value; that copies len - index elements.",
                    "Check 0 <= index <= len first and raise IndexError otherwise: list.insert "
                    "would quietly put a bad index at one end.",
                ),
            ),
            Task(
                "delete",
                "Delete by shifting the tail left, and return how many elements moved.",
                (
                    "After the element at index is gone, the ones behind it close the gap. How "
                    "many are behind it?",
                    "Copy each slot from index up to the second-to-last from its right neighbour, "
                    "then drop the last slot; that copies len - 1 - index elements.",
                    "Valid indexes are 0 <= index < len: an index equal to len, a negative one and "
                    "any index into an empty list raise IndexError.",
                ),
            ),
        ),
    ),
)

# Third-party packages each track's learner code may import (bound read-only into the sandbox).
TRACK_PACKAGES: Final[dict[str, tuple[str, ...]]] = {"python": (), "ml": ("numpy",)}


def packages_for(katas: Iterable[Kata]) -> tuple[str, ...]:
    """The packages learner processes need for ``katas``, in a stable order."""
    return tuple(sorted({name for kata in katas for name in TRACK_PACKAGES.get(kata.track, ())}))


BY_NAME: Final[dict[str, Kata]] = {kata.name: kata for kata in CATALOG}


def get(name: str) -> Kata:
    """The kata called ``name``; a :class:`UsageError` that suggests a near miss otherwise."""
    name = name.removesuffix(".py")
    try:
        return BY_NAME[name]
    except KeyError:
        close = difflib.get_close_matches(name, BY_NAME, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else "; see `kata list`"
        raise UsageError(f"unknown kata {name!r}{hint}") from None


def select(names: list[str] | None) -> tuple[Kata, ...]:
    """The katas named (in catalog order), or all of them."""
    if not names:
        return CATALOG
    wanted = {get(name).name for name in names}
    return tuple(kata for kata in CATALOG if kata.name in wanted)
