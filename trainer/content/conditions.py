"""The guard language: a small expression parser compiled to plain callables, never `eval`ed.

trust >= 50 and not offered_discount
client_type == 'vip' or (interest > 30 and discount == 0)
"""

from __future__ import annotations

import operator
import re
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from trainer.content.suggest import suggestion

Value = bool | int | float | str
Env = Mapping[str, Value]
Guard = Callable[[Env], bool]

MAX_LENGTH = 500
MAX_NESTING = 20


class ConditionError(Exception):
    """A condition that cannot be used; `offset` is the 0-based column in the expression."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


# ---------------------------------------------------------------------------------------------
# The tree


@dataclass(frozen=True, slots=True)
class Literal:
    value: Value
    offset: int


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    offset: int


@dataclass(frozen=True, slots=True)
class Compare:
    op: str
    left: Operand
    right: Operand
    offset: int


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr
    offset: int


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: typing.Literal["and", "or"]
    operands: tuple[Expr, ...]
    offset: int


Operand = Literal | Name
Expr = Literal | Name | Compare | Not | BoolOp

COMPARISONS: dict[str, Callable[[Value, Value], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}

# ---------------------------------------------------------------------------------------------
# Tokens

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<string>'[^'\n]*'|"[^"\n]*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|<|>)
  | (?P<paren>[()])
    """,
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "true", "false"}
_EXPLAINED = {
    ".": "'.' is not allowed: conditions compare names and values, they cannot reach attributes",
    "=": "'=' is not a comparison; write '==' to test equality",
    "=>": "'=>' is not a comparison; write '>=' for 'at least'",
    "=<": "'=<' is not a comparison; write '<=' for 'at most'",
    "&": "write 'and' instead of '&'",
    "|": "write 'or' instead of '|'",
    "!": "write 'not' instead of '!'",
    "[": "'[' is not allowed: conditions have no lists or indexing",
    "'": "this text is missing its closing quote",
    '"': "this text is missing its closing quote",
}


_TokenKind = typing.Literal["number", "string", "name", "keyword", "op", "paren", "end", "invalid"]


@dataclass(frozen=True, slots=True)
class _Token:
    kind: _TokenKind
    text: str
    offset: int


def _tokenize(source: str) -> list[_Token]:
    tokens = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            # Reported only when the parser gets here, so earlier mistakes explain themselves.
            pair = source[position : position + 2]
            wrong = pair if pair in _EXPLAINED else source[position]
            tokens.append(_Token("invalid", wrong, position))
            return tokens
        group = match.lastgroup or ""
        text = match.group()
        if group == "name" and text in _KEYWORDS:
            group = "keyword"
        if group != "space":
            # The pattern's group names are the token kinds, "space" aside.
            tokens.append(_Token(typing.cast(_TokenKind, group), text, position))
        position = match.end()
    tokens.append(_Token("end", "", len(source)))
    return tokens


# ---------------------------------------------------------------------------------------------
# Parser


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = _tokenize(source)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> _Token:
        token = self.tokens[self.index]
        if token.kind == "invalid":
            message = _EXPLAINED.get(token.text, f"unexpected character '{token.text}'")
            raise ConditionError(message, token.offset)
        return token

    def advance(self) -> _Token:
        token = self.current
        self.index += 1
        return token

    def parse(self) -> Expr:
        if self.current.kind == "end":
            raise ConditionError("the condition is empty", 0)
        expression = self.parse_or()
        left_over = self.current  # read afresh: parsing moved past the first token
        if left_over.kind != "end":
            raise ConditionError(f"unexpected '{left_over.text}'", left_over.offset)
        return expression

    def parse_or(self) -> Expr:
        return self._bool_chain("or", self.parse_and)

    def parse_and(self) -> Expr:
        return self._bool_chain("and", self.parse_not)

    def _bool_chain(self, word: typing.Literal["and", "or"], operand: Callable[[], Expr]) -> Expr:
        start = self.current.offset
        operands = [operand()]
        while self.current.kind == "keyword" and self.current.text == word:
            self.advance()
            operands.append(operand())
        return operands[0] if len(operands) == 1 else BoolOp(word, tuple(operands), start)

    def parse_not(self) -> Expr:
        if self.current.kind == "keyword" and self.current.text == "not":
            token = self.advance()
            return Not(self._nested(self.parse_not), token.offset)
        return self.parse_comparison()

    def parse_comparison(self) -> Expr:
        if self.current.kind == "paren" and self.current.text == "(":
            self.advance()
            inner = self._nested(self.parse_or)
            self._expect_close()
            return inner
        left = self.parse_operand()
        if self.current.kind != "op":
            return left
        op = self.advance()
        right = self.parse_operand()
        if self.current.kind == "op":
            raise ConditionError(
                "chained comparisons are not allowed; join two comparisons with 'and'",
                self.current.offset,
            )
        return Compare(op.text, left, right, left.offset)

    def parse_operand(self) -> Operand:
        token = self.advance()
        if token.kind == "number":
            number = float(token.text) if "." in token.text else int(token.text)
            return Literal(number, token.offset)
        if token.kind == "string":
            return Literal(token.text[1:-1], token.offset)
        if token.kind == "keyword" and token.text in ("true", "false"):
            return Literal(token.text == "true", token.offset)
        if token.kind == "name":
            if self.current.kind == "paren" and self.current.text == "(":
                raise ConditionError(
                    f"'{token.text}(...)' looks like a call; conditions cannot call anything",
                    token.offset,
                )
            if token.text.startswith("_"):
                raise ConditionError(f"names cannot start with '_': '{token.text}'", token.offset)
            return Name(token.text, token.offset)
        if token.kind == "end":
            raise ConditionError("the condition ends too early", token.offset)
        raise ConditionError(f"expected a name or a value, found '{token.text}'", token.offset)

    def _nested(self, parse: Callable[[], Expr]) -> Expr:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionError(
                f"the condition nests deeper than {MAX_NESTING} levels", self.current.offset
            )
        try:
            return parse()
        finally:
            self.depth -= 1

    def _expect_close(self) -> None:
        if self.current.kind == "paren" and self.current.text == ")":
            self.advance()
            return
        raise ConditionError("missing ')'", self.current.offset)


def parse(source: str) -> Expr:
    """Parse a condition into its tree; raises ConditionError with the offending column."""
    if len(source) > MAX_LENGTH:
        raise ConditionError(f"the condition is longer than {MAX_LENGTH} characters", 0)
    return _Parser(source).parse()


# ---------------------------------------------------------------------------------------------
# Checking names and types, and compiling

KIND_NUMBER = "number"
KIND_TEXT = "text"
KIND_FLAG = "true/false"


def kind_of(value: Value) -> str:
    if isinstance(value, bool):
        return KIND_FLAG
    if isinstance(value, (int, float)):
        return KIND_NUMBER
    return KIND_TEXT


def check(expression: Expr, names: Mapping[str, str]) -> None:
    """Check that every name is known and every comparison compares like with like.

    `names` maps each usable name to its kind (KIND_NUMBER, KIND_TEXT or KIND_FLAG).
    """
    _check_bool(expression, names)


def _operand_kind(operand: Operand, names: Mapping[str, str]) -> str:
    if isinstance(operand, Literal):
        return kind_of(operand.value)
    if operand.name not in names:
        known = ", ".join(sorted(names))
        raise ConditionError(
            f"unknown name '{operand.name}'{suggestion(operand.name, names)}; known names: {known}",
            operand.offset,
        )
    return names[operand.name]


def _check_bool(expression: Expr, names: Mapping[str, str]) -> None:
    if isinstance(expression, BoolOp):
        for operand in expression.operands:
            _check_bool(operand, names)
    elif isinstance(expression, Not):
        _check_bool(expression.operand, names)
    elif isinstance(expression, Compare):
        left = _operand_kind(expression.left, names)
        right = _operand_kind(expression.right, names)
        if left != right:
            raise ConditionError(
                f"'{expression.op}' compares a {left} with a {right}", expression.offset
            )
        if expression.op not in ("==", "!=") and left != KIND_NUMBER:
            raise ConditionError(
                f"'{expression.op}' only compares numbers, not {left} values", expression.offset
            )
    else:
        kind = _operand_kind(expression, names)
        if kind != KIND_FLAG:
            shown = expression.name if isinstance(expression, Name) else repr(expression.value)
            raise ConditionError(
                f"'{shown}' is a {kind}, not true/false; compare it, e.g. '{shown} >= 50'",
                expression.offset,
            )


def compile_guard(expression: Expr) -> Guard:
    """Turn a checked tree into a function of the current names' values."""
    if isinstance(expression, BoolOp):
        parts = tuple(compile_guard(operand) for operand in expression.operands)
        if expression.op == "and":
            return lambda env: all(part(env) for part in parts)
        return lambda env: any(part(env) for part in parts)
    if isinstance(expression, Not):
        inner = compile_guard(expression.operand)
        return lambda env: not inner(env)
    if isinstance(expression, Compare):
        compare = COMPARISONS[expression.op]
        left, right = _operand_getter(expression.left), _operand_getter(expression.right)
        return lambda env: bool(compare(left(env), right(env)))
    value = _operand_getter(expression)
    return lambda env: bool(value(env))


def _operand_getter(operand: Operand) -> Callable[[Env], Value]:
    if isinstance(operand, Literal):
        constant = operand.value
        return lambda env: constant
    name = operand.name
    return lambda env: env[name]


def names_in(expression: Expr) -> set[str]:
    """Every name the condition reads."""
    if isinstance(expression, BoolOp):
        return set().union(*(names_in(operand) for operand in expression.operands))
    if isinstance(expression, Not):
        return names_in(expression.operand)
    if isinstance(expression, Compare):
        return names_in(expression.left) | names_in(expression.right)
    return {expression.name} if isinstance(expression, Name) else set()
