"""Acknowledging or resolving a review flag, with the reason: the same from the review
queue and from a child's profile."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError, ValidationError
from desktop.services.flags.review import flag_by_id
from desktop.services.flags.store import acknowledge_flag, count_open_flags, resolve_flag
from desktop.views.app_context import AppContext
from desktop.views.messages import problem_text
from desktop.views.reason_dialog import ReasonDialog

translate = QCoreApplication.translate  # the name pyside6-lupdate looks for
ACTIONS = ("acknowledge", "resolve")


def act_on_flag(parent: QWidget, ctx: AppContext, flag_id: int, action: str, about: str) -> bool:
    """Ask why, then acknowledge or resolve the flag; every screen refreshes. `about`
    names the child and the rule for the question. True when it was done."""
    if action == "acknowledge":
        op = acknowledge_flag
        title = translate("FlagActions", "Acknowledge the flag")
        prompt = translate(
            "FlagActions", "What are you doing about it? (this is kept with the flag)"
        )
    elif action == "resolve":
        op = resolve_flag
        title = translate("FlagActions", "Resolve the flag")
        prompt = translate(
            "FlagActions",
            "Why is this done? Say what was done and when (this is kept with the flag).",
        )
    else:
        raise ValueError(f"unknown action {action!r}")
    why = ReasonDialog.ask(parent, title, f"{about}\n\n{prompt}")
    if why is None:
        return False
    today = ctx.today()
    try:
        with unit_of_work(ctx.engine, ctx.actor, as_of=today) as s:
            flag = flag_by_id(s, flag_id)
            op(s, flag, note=why, on=today)
            child_id = flag.child_id
            open_now = count_open_flags(s)
    except ValidationError as exc:
        QMessageBox.warning(parent, title, problem_text(exc.errors))
        return False
    except ServiceError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return False
    ctx.events.child_changed.emit(child_id)
    ctx.events.flags_changed.emit(open_now)
    return True
