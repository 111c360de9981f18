"""An attempt for the mentor, turn by turn: points, meters, typed words, notes; comment, override,
export."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from trainer.content.content_set import ContentSet
from trainer.errors import StoreError, TrainerError
from trainer.services import accounts, coach, integrity, mentor
from trainer.ui.commands import PaletteCommand
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.modals.mentor_export import ExportRequest, MentorExportModal
from trainer.ui.modals.mentor_override import MentorOverrideModal, OverrideRequest
from trainer.ui.modals.mentor_text import MentorTextModal
from trainer.ui.screens.mentor_base import MentorScreen
from trainer.ui.widgets.mentor_text import (
    answer_view,
    map_view,
    note_text,
    percent,
    plain,
    result_text,
    turn_view,
    verdict,
    when,
)

TURN_PREFIX = "turn:"


class MentorTranscriptScreen(MentorScreen):
    """One attempt of any trainee, for review; the original result always stays in sight."""

    CSS_PATH = "mentor_transcript.tcss"
    AUTO_FOCUS = "#mentor-turns"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "comment", "Comment"),
        Binding("o", "overall_comment", "Overall"),
        # u, x and y are named on the line under the title: the footer has no room at 80 columns
        Binding("u", "edit_comment", "Edit mine", show=False),
        Binding("x", "delete_comment", "Delete mine", show=False),
        Binding("r", "override", "Override"),
        Binding("e", "export", "Export"),
        Binding("y", "copy_id", "Copy id", show=False),
        Binding("escape", "back", "Back"),
    ]

    class Exported(Message):
        """Sent by the export worker once the file is written, or with why it was not."""

        def __init__(self, request: ExportRequest, size: int, problem: str = "") -> None:
            super().__init__()
            self.request = request
            self.size = size
            self.problem = problem

    def __init__(
        self, content: ContentSet, store: mentor.Store, card: accounts.MentorCard, attempt_id: str
    ) -> None:
        super().__init__(content, store, card)
        self.attempt_id = attempt_id
        self.record: mentor.Transcript | None = None
        self.call_map: coach.CallMap | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="mentor-transcript-title")
        yield Static("", id="mentor-transcript-id")
        yield Static("", id="mentor-transcript-result")
        flag = Static("", id="mentor-transcript-flag")
        flag.display = False  # shown only on a record the integrity check flags
        yield flag
        yield OptionList(id="mentor-turns")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the attempt again (after a note or an override) and show it, keeping the turn."""
        try:
            record = self.record = mentor.transcript(self.store, self.attempt_id)
        except StoreError as error:
            self.notify(str(error), title="Cannot open the attempt", severity="error", markup=False)
            return
        try:
            self.call_map = coach.call_map(self.store, self.content, record.attempt, record.turns)
        except TrainerError as error:
            self.call_map = None
            self.notify(str(error), title="No replies on offer", severity="warning", markup=False)
        self.query_one("#mentor-transcript-title", Static).update(self._title(record))
        self.query_one("#mentor-transcript-id", Static).update(self._id_line(record))
        self.query_one("#mentor-transcript-result", Static).update(self._result(record))
        flag = integrity.flag_of(self.store, self.content, self.attempt_id)
        shown = self.query_one("#mentor-transcript-flag", Static)
        shown.display = flag is not None
        if flag is not None:
            shown.update(plain(f"⚠ {flag[:1].upper()}{flag[1:]}", "bold red"))
        self._show_turns(record)

    def _content_title(self, content_id: str) -> str:
        scenario = self.content.scenarios.get(content_id)
        if scenario is not None:
            return scenario.title
        quiz = self.content.quizzes.get(content_id)
        return quiz.title if quiz is not None else content_id

    def _title(self, record: mentor.Transcript) -> Text:
        attempt = record.attempt
        other = mentor.other_content(self.content, attempt)
        return Text.assemble(
            ("Transcript ", "bold"),
            plain(record.trainee_name, "bold"),
            " · ",
            plain(self._content_title(attempt.content_id)),
            f" · {self._kind(record)} · {when(attempt.started_at)}",
            (f" · {other}" if other else "", "bold red"),
        )

    def _id_line(self, record: mentor.Transcript) -> Text:
        return Text.assemble(
            ("Attempt ", "dim"),
            (record.attempt.id, "bold"),
            (" · y copy · u/x edit/delete your note", "dim"),
        )

    def _kind(self, record: mentor.Transcript) -> str:
        attempt = record.attempt
        return "quiz" if attempt.kind is mentor.QUIZ_KIND else attempt.mode.value

    def _outcome(self, record: mentor.Transcript) -> str | None:
        attempt = record.attempt
        return None if attempt.kind is mentor.QUIZ_KIND else attempt.outcome

    def _result(self, record: mentor.Transcript) -> Text:
        """The attempt's own result, and beside it the one that counts and who changed it."""
        attempt = record.attempt
        text = Text.assemble(("Own result ", "dim"))
        if attempt.status is mentor.IN_PROGRESS:
            text.append("in progress", "dim")
        else:
            text.append_text(result_text(attempt.score, attempt.passed, self._outcome(record)))
        result = record.result
        if result.overridden_by is None:
            text.append("  · not overridden", "dim")
            return text
        text.append("\n")
        text.append("Counts     ", "dim")
        text.append_text(result_text(result.score, result.passed))
        text.append(" ✎ overridden by ", "yellow")
        text.append_text(plain(result.overridden_by, "bold yellow"))
        if record.overrides:
            text.append(f", {when(record.overrides[-1].created_at)}", "dim")
        return text

    def _show_turns(self, record: mentor.Transcript) -> None:
        turns = self.query_one("#mentor-turns", OptionList)
        highlighted = None
        if turns.highlighted is not None:
            highlighted = turns.get_option_at_index(turns.highlighted).id
        options: list[Option] = []
        overall = record.notes_on(None)
        if overall or record.overrides:
            lines: list[Text] = [Text("Mentor records on the whole attempt", "bold")]
            lines += [note_text(note) for note in overall]
            lines += [self._override_line(change) for change in record.overrides]
            options.append(Option(Group(*lines), id="overall"))
        before: dict[str, int] | None = None
        offers = self.call_map.offers if self.call_map is not None else {}
        for turn in record.turns:
            view = turn_view(self.content, record, turn, before, offers.get(turn.index, ()))
            options.append(Option(view, id=f"{TURN_PREFIX}{turn.index}"))
            if turn.meters:
                before = dict(turn.meters)
        if self.call_map is not None:
            options.append(Option(map_view(self.content, self.call_map), id="map"))
        if record.answers:
            quiz = self.content.quizzes.get(record.attempt.content_id)
            answers = (answer_view(answer, quiz) for answer in record.answers)
            options.append(
                Option(
                    Group(Text("Quiz answers", "bold"), *answers),
                    id="answers",
                )
            )
        if not record.turns and not record.answers:
            options.append(Option(Text("Nothing was said in this attempt.", "dim"), disabled=True))
        turns.set_options(options)
        ids = [option.id or "" for option in options]
        if highlighted in ids:  # the same turn as before a note or an override was added
            turns.highlighted = ids.index(highlighted)
        else:
            turn_ids = (n for n, option_id in enumerate(ids) if option_id.startswith(TURN_PREFIX))
            turns.highlighted = next(turn_ids, 0 if options and not options[0].disabled else None)

    def _override_line(self, change: mentor.Override) -> Text:
        what = []
        if change.score is not None:
            what.append(f"score {percent(change.score)}")
        if change.passed is not None:
            what.append(verdict(change.passed).plain)
        return Text.assemble(
            ("✎ ", "bold yellow"),
            plain(change.mentor, "bold"),
            (f", {when(change.created_at)}: ", "dim"),
            f"set {' and '.join(what)} · ",
            plain(change.reason, "italic"),
        )

    def selected_turn(self) -> mentor.StoredTurn | None:
        """The turn under the cursor, if it is one."""
        turns = self.query_one("#mentor-turns", OptionList)
        if self.record is None or turns.highlighted is None:
            return None
        option_id = turns.get_option_at_index(turns.highlighted).id or ""
        if not option_id.startswith(TURN_PREFIX):
            return None
        index = int(option_id.removeprefix(TURN_PREFIX))
        return next((turn for turn in self.record.turns if turn.index == index), None)

    # -- comments -------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#mentor-turns")
    def _turn_selected(self) -> None:
        self.action_comment()

    def action_comment(self) -> None:
        turn = self.selected_turn()
        if turn is None:
            self.action_overall_comment()  # the whole attempt's records, or its quiz answers
            return
        about = Text.assemble(
            (f"Turn {turn.index + 1}, ", "dim"), plain(turn.name or turn.speaker, "bold"), ": "
        )
        about.append_text(plain(turn.text))
        self.app.push_screen(
            MentorTextModal(
                f"Comment on turn {turn.index + 1}",
                about,
                placeholder="Your comment; the trainee sees it with your name",
                empty="Type the comment, or press Esc.",
            ),
            lambda text: self._save_comment(text, turn.index),
        )

    def action_overall_comment(self) -> None:
        self.app.push_screen(
            MentorTextModal(
                "Comment on the whole attempt",
                "What should the trainee take from this attempt?",
                placeholder="Your comment; the trainee sees it with your name",
                empty="Type the comment, or press Esc.",
            ),
            lambda text: self._save_comment(text, None),
        )

    def _save_comment(self, text: str | None, turn_index: int | None) -> None:
        if text is None:
            return
        try:
            mentor.comment(self.store, self.mentor, self.attempt_id, text, turn_index)
        except StoreError as error:
            self.notify(str(error), title="Comment not saved", severity="error", markup=False)
            return
        self.notify("Comment saved.")
        self.reload()

    def _my_latest_note(self) -> mentor.Note | None:
        """The signed-in mentor's newest comment on the highlighted turn (or on the whole
        attempt, when no turn is highlighted); None, with a word why, when there is none."""
        if self.record is None:
            return None
        turn = self.selected_turn()
        where = None if turn is None else turn.index
        mine = [n for n in self.record.notes_on(where) if n.mentor == self.mentor.name]
        if not mine:
            place = "on the whole attempt" if turn is None else f"on turn {turn.index + 1}"
            self.notify(f"You have no comment {place} to change.", markup=False)
            return None
        return mine[-1]

    def action_edit_comment(self) -> None:
        note = self._my_latest_note()
        if note is None:
            return
        self.app.push_screen(
            MentorTextModal(
                "Edit your comment",
                Text.assemble(("Now: ", "dim"), plain(note.text)),
                placeholder="Your comment; the trainee sees it with your name",
                empty="Type the comment, or press Esc (x deletes it).",
                value=note.text,
            ),
            partial(self._save_edit, note.id),
        )

    def _save_edit(self, note_id: int, text: str | None) -> None:
        if text is None:
            return
        try:
            mentor.edit_comment(self.store, self.mentor, note_id, text)
        except StoreError as error:
            self.notify(str(error), title="Comment not changed", severity="error", markup=False)
            return
        self.notify("Comment changed; its earlier words are kept in the audit trail.")
        self.reload()

    def action_delete_comment(self) -> None:
        note = self._my_latest_note()
        if note is None:
            return
        self.app.push_screen(
            ConfirmModal(
                "Delete your comment?",
                f"“{note.text}” leaves the attempt; the audit trail keeps it with your name.",
                yes="Delete",
                no="Keep it",
                danger=True,
            ),
            partial(self._delete_confirmed, note.id),
        )

    def _delete_confirmed(self, note_id: int, sure: bool | None) -> None:
        if not sure:
            return
        try:
            mentor.delete_comment(self.store, self.mentor, note_id)
        except StoreError as error:
            self.notify(str(error), title="Comment not deleted", severity="error", markup=False)
            return
        self.notify("Comment deleted; the audit trail keeps it.")
        self.reload()

    def action_copy_id(self) -> None:
        """Put the attempt's id on the clipboard, for `trainer replay` or `trainer test --record`
        (the terminal must allow it: most do, over OSC 52)."""
        self.app.copy_to_clipboard(self.attempt_id)
        self.notify(f"Copied {self.attempt_id}", title="Attempt id", markup=False)

    # -- override -------------------------------------------------------------------------------

    def action_override(self) -> None:
        record = self.record
        if record is None:
            return
        if record.attempt.status is mentor.IN_PROGRESS:
            self.notify("The attempt is still in progress; override it once it has ended.")
            return
        attempt = record.attempt
        about = Text.assemble(
            plain(record.trainee_name),
            " · ",
            plain(self._content_title(attempt.content_id)),
            f" · {when(attempt.started_at)}",
        )
        current = Text.assemble(
            ("Own result ", "dim"),
            result_text(attempt.score, attempt.passed, self._outcome(record)),
        )
        if record.result.overridden_by is not None:
            current.append("\n")
            current.append("Counts now ", "dim")
            current.append_text(result_text(record.result.score, record.result.passed))
            current.append(" (", "dim")
            current.append_text(plain(record.result.overridden_by))
            current.append(")", "dim")
        self.app.push_screen(
            MentorOverrideModal(about, current, partial(self._override_warning, record)),
            self._override,
        )

    def _override_warning(self, record: mentor.Transcript, request: OverrideRequest) -> str:
        return mentor.override_warning(
            self.content, record, score=request.score, passed=request.passed
        )

    def _override(self, request: OverrideRequest | None) -> None:
        if request is None:
            return
        try:
            mentor.override(
                self.store,
                self.mentor,
                self.attempt_id,
                reason=request.reason,
                score=request.score,
                passed=request.passed,
            )
        except StoreError as error:
            self.notify(str(error), title="Not overridden", severity="error", markup=False)
            return
        self.notify("Override saved; the attempt's own result is kept beside it.")
        self.reload()

    # -- export ---------------------------------------------------------------------------------

    def action_export(self) -> None:
        record = self.record
        if record is None:
            return
        stem = mentor.export_name(record, mentor.ExportFormat.HTML).removesuffix(".html")
        check = partial(mentor.export_target_problem, self.store)
        self.app.push_screen(MentorExportModal(stem, Path.cwd(), check), self._export_requested)

    def _export_requested(self, request: ExportRequest | None) -> None:
        if request is not None:
            self.export(request)

    @work(thread=True, exclusive=True, group="export")
    def export(self, request: ExportRequest) -> None:
        """Render and write the export off the event loop."""
        try:
            size = mentor.export_transcript(
                self.store,
                self.attempt_id,
                request.format,
                request.path,
                replace=request.replace,
                content=self.content,
            )
        except TrainerError as error:
            self.post_message(self.Exported(request, 0, str(error)))
            return
        self.post_message(self.Exported(request, size))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        request = message.request
        if message.problem:
            self.notify(message.problem, title="Nothing exported", severity="error", markup=False)
            return
        self.notify(
            f"Wrote the {request.format.label} ({message.size:,} bytes) to "
            f"{request.path.resolve()}",
            title="Exported",
            markup=False,
            timeout=8,
        )

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand("Comment on the highlighted turn", self.action_comment, "Signed"),
            PaletteCommand("Comment on the whole attempt", self.action_overall_comment, "Signed"),
            PaletteCommand("Edit my comment here", self.action_edit_comment, "Audited"),
            PaletteCommand("Delete my comment here", self.action_delete_comment, "Audited"),
            PaletteCommand("Override the result", self.action_override, "Score or pass, a reason"),
            PaletteCommand("Copy the attempt's id", self.action_copy_id, "For trainer replay"),
            PaletteCommand(
                "Export the transcript", self.action_export, "HTML, Markdown, JSON, CSV"
            ),
        ]
