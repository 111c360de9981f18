"""The trainee's routes through the programme: home, its gate, and what each item opens.

Every way into a stage's content (home, the command palette, a "next step" key) goes through
`open_item`, which asks the programme's rules first, so a locked item never opens. Calls and
quizzes, which begin and end attempts, have their routes in `routes.practice`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from trainer.content.content_set import ContentSet
from trainer.content.programme import StageKey
from trainer.content.quiz.model import Quiz
from trainer.engine.programme import ProgrammeStatus
from trainer.errors import StoreError
from trainer.services import records, stages
from trainer.services.stages import Item, ItemKind, lock_reason
from trainer.ui import messages
from trainer.ui.commands import PaletteCommand
from trainer.ui.routes import screens
from trainer.ui.wording import plural

if TYPE_CHECKING:
    from trainer.services.accounts import TraineeCard
    from trainer.ui.routes.router import Router


def prepare(router: Router, content: ContentSet) -> None:
    """Close the attempts a crash left open, and fix the exam's rules from `content`.

    The programme's first use fixes the exam's rules in the records; later content cannot
    change them.
    """
    stages.abandon_stale(router.store)
    try:
        stages.fix_exam_rules(router.store, content)
    except StoreError as error:
        router.app.log.error(f"the exam's rules could not be fixed in the records: {error}")


def signed_in_trainee(router: Router) -> TraineeCard:
    """The signed-in trainee, whom every route of the programme serves."""
    if router.trainee is None:
        raise RuntimeError("no trainee is signed in")
    return router.trainee


def signed_in(router: Router, intent: messages.SignedIn) -> None:
    """The trainee's programme, over the sign-in (which signing out shows again)."""
    router.trainee = intent.trainee
    home = screens.HOME.load()(router.content_so_far, router.store, intent.trainee)
    router.app.push_screen(home)


def home(router: Router, _: messages.Intent | None = None) -> None:
    """Back to the programme, closing whatever is open above it."""
    if router.trainee is not None:
        router.back_to_home()


# -- the programme's gate -------------------------------------------------------------------------


def programme_status(router: Router) -> ProgrammeStatus | None:
    """The signed-in trainee's stages, read now; None without a programme or a trainee."""
    if router.trainee is None or router.content.programme is None:
        return None
    return stages.progress(
        router.store, signed_in_trainee(router).id, router.content.programme
    ).status


def locked_because(router: Router, item: Item) -> str | None:
    """Why `item` cannot be opened now, or None when it can."""
    try:
        status = programme_status(router)
    except StoreError as error:
        return f"Your records cannot be read, so nothing new can open: {error}"
    return lock_reason(router.content, status, item)


def open_item(router: Router, intent: messages.ItemPicked) -> None:
    """Open what the trainee picked, unless the programme keeps it locked (then say why)."""
    if router.trainee is None:
        return
    item = intent.item
    reason = locked_because(router, item)
    if reason is not None:
        router.notify_locked(reason)
        return
    if item.kind is ItemKind.COMPANY:
        show_company(router)
    elif item.kind is ItemKind.CATALOGUE:
        show_catalogue(router)
    elif item.kind is ItemKind.QUIZ:
        show_quiz_intro(router, item.id)
    elif item.kind is ItemKind.SCENARIO:
        show_briefing(router, item.id)
    elif item.kind is ItemKind.WORK_LOG:
        router.back_to_home()
        router.app.push_screen(
            screens.WORK_LOG.load()(router.store, signed_in_trainee(router), router.content)
        )
    elif item.kind is ItemKind.CALL_LOG:
        router.back_to_home()
        router.app.push_screen(
            screens.CALL_LOG.load()(router.store, signed_in_trainee(router), router.content)
        )
    else:
        show_certificate(router)


def stage_quiz(router: Router, key: StageKey) -> Quiz | None:
    """The quiz of a stage: the programme's, else the first quiz of that stage number."""
    programme = router.content.programme
    if programme is not None:
        return programme.stage(key).quiz
    return next((q for q in router.content.quizzes.values() if q.stage == key.number), None)


def source_requested(router: Router, intent: messages.SourceRequested) -> None:
    """The product or company card a quiz answer comes from, behind the gate."""
    source = intent.source
    if source.product is not None:
        item = Item(ItemKind.CATALOGUE)
    elif source.company is not None:
        item = Item(ItemKind.COMPANY)
    else:
        return
    reason = locked_because(router, item)
    if reason is not None:
        router.notify_locked(reason)
        return
    if source.product is not None:
        show_catalogue(router, product_id=source.product)
    else:
        show_company(router, section=source.company, title=source.title)


# -- the command palette: each entry posts the intent its key would --------------------------------


def _posting(router: Router, kind: Callable[[], messages.Intent]) -> Callable[[], object]:
    return lambda: router.app.post_message(kind())


def _picking(router: Router, item: Item) -> Callable[[], object]:
    return lambda: router.app.post_message(messages.ItemPicked(item))


def palette(router: Router) -> list[PaletteCommand]:
    """The command palette's entries: home, sign out, and everything the trainee can open now.

    What the programme keeps locked is left out: the palette never offers what would only
    answer "Locked" (home lists it, with the reason).
    """
    content = router.content
    try:
        status = programme_status(router)
    except StoreError:
        status = None  # the gate reads the records again when an entry is run

    def offered(item: Item) -> bool:
        return lock_reason(content, status, item) is None

    commands = [
        PaletteCommand(
            "Home", _posting(router, messages.HomeRequested), "Your programme and recent attempts"
        ),
        PaletteCommand(
            "Sign out", _posting(router, messages.SignedOut), "Back to the list of names"
        ),
    ]
    if content.catalogue is not None and offered(Item(ItemKind.COMPANY)):
        company = content.catalogue.company.name
        commands += [
            PaletteCommand(
                "Company cards",
                _picking(router, Item(ItemKind.COMPANY)),
                f"{company}: about, policies, tools such as the CRM, clients",
            ),
        ]
    if content.catalogue is not None and offered(Item(ItemKind.CATALOGUE)):
        commands.append(
            PaletteCommand(
                "Product catalogue",
                _picking(router, Item(ItemKind.CATALOGUE)),
                "Every product: characteristics, packaging, stock, delivery, prices, terms",
            )
        )
    for quiz in sorted(content.quizzes.values(), key=lambda q: (q.stage, q.title)):
        if not offered(Item(ItemKind.QUIZ, quiz.id)):
            continue
        commands.append(
            PaletteCommand(
                f"Take the quiz: {quiz.title}",
                _picking(router, Item(ItemKind.QUIZ, quiz.id)),
                f"{plural(quiz.size, 'question')}, pass mark {quiz.pass_mark:g}%",
            )
        )
    scenarios = sorted(content.summaries.values(), key=lambda s: (s.exam, s.stage, s.title))
    exam_listed = False
    for scenario in scenarios:
        if not offered(Item(ItemKind.SCENARIO, scenario.id)):
            continue
        if scenario.exam:
            # One entry for the exam: the variant is drawn when it opens.
            if exam_listed:
                continue
            exam_listed = True
            commands.append(
                PaletteCommand(
                    "Take the final exam",
                    _picking(router, Item(ItemKind.SCENARIO, scenario.id)),
                    "A demanding client drawn from the exam's variants",
                )
            )
            continue
        commands.append(
            PaletteCommand(
                f"Practise: {scenario.title}",
                _picking(router, Item(ItemKind.SCENARIO, scenario.id)),
                " ".join(scenario.goal.split()),
            )
        )
    commands.append(
        PaletteCommand(
            "Call log",
            _picking(router, Item(ItemKind.CALL_LOG)),
            "Every call you made and every day of work you logged, with filters",
        )
    )
    work = content.programme.work if content.programme is not None else None
    if work is not None and offered(Item(ItemKind.WORK_LOG)):
        commands.append(
            PaletteCommand(
                "Log a day's work",
                _picking(router, Item(ItemKind.WORK_LOG)),
                "Calls, meetings, proposals, events, referrals, deals and orders of a working day",
            )
        )
    if content.programme is not None and offered(Item(ItemKind.CERTIFICATE)):
        commands.append(
            PaletteCommand(
                "Certificate",
                _picking(router, Item(ItemKind.CERTIFICATE)),
                "Your certificate, once you have passed the final exam",
            )
        )
    return commands


# -- showing things -------------------------------------------------------------------------------


def show_company(router: Router, *, section: str | None = None, title: str | None = None) -> None:
    """Open the company cards on top of the current screen."""
    catalogue = router.content.catalogue
    if catalogue is None:
        router.app.notify("This content set has no company cards.", severity="warning")
        return
    quiz = stage_quiz(router, StageKey.INTRODUCTION)
    router.app.push_screen(
        screens.COMPANY.load()(catalogue.company, quiz, section=section, title=title)
    )


def show_catalogue(router: Router, *, product_id: str | None = None) -> None:
    """Open the product catalogue on top of the current screen."""
    catalogue = router.content.catalogue
    if catalogue is None:
        router.app.notify("This content set has no product catalogue.", severity="warning")
        return
    quiz = stage_quiz(router, StageKey.PRODUCT)
    router.app.push_screen(screens.CATALOGUE.load()(catalogue, quiz, product_id=product_id))


def show_quiz_intro(router: Router, quiz_id: str) -> None:
    """Open a quiz's introduction on top of home."""
    try:
        best, count = records.best_scores(router.store, signed_in_trainee(router).id).get(
            quiz_id, (None, 0)
        )
    except StoreError as error:
        router.app.log.error(f"no record for the quiz introduction: {error}")
        best, count = None, 0
    router.back_to_home()
    router.app.push_screen(screens.QUIZ_INTRO.load()(router.content.quizzes[quiz_id], best, count))


def show_briefing(router: Router, scenario_id: str) -> None:
    """Open the briefing of a scenario on top of home; for the exam, of the variant drawn."""
    from trainer.services import calls  # with the first briefing: home records no call

    scenario = router.content.scenario(scenario_id)
    if scenario.exam and router.trainee is not None:
        seed = router.seeds.randrange(1, 2**31)
        try:
            draw = calls.draw_exam(
                router.store, signed_in_trainee(router).id, router.content, seed, scenario_id
            )
        except StoreError as error:
            router.app.notify(
                str(error), title="Cannot read your exam", severity="error", markup=False
            )
            return
        if draw.scenario_id is None:
            router.app.notify(
                f"The final exam cannot start: {draw.refused}.",
                title="Locked",
                severity="warning",
                markup=False,
            )
            return
        router.exam_draw = draw
        scenario = router.content.scenario(draw.scenario_id)
    unfinished = None
    if not scenario.exam and router.trainee is not None:
        try:
            unfinished = calls.unfinished_call(
                router.store, router.trainee.id, router.content, scenario.id
            )
        except StoreError as error:
            router.app.log.error(f"could not look for an unfinished call: {error}")
    router.back_to_home()
    attempts = None
    if scenario.exam and router.exam_draw is not None:
        attempts = (router.exam_draw.attempt, router.exam_draw.left_after)
    router.app.push_screen(
        screens.BRIEFING.load()(
            router.content, scenario, unfinished=unfinished, exam_attempts=attempts
        )
    )


def show_certificate(router: Router) -> None:
    """Open the trainee's certificate, if they have passed the final exam."""
    from trainer.services import certificates

    programme = router.content.programme
    if router.trainee is None or programme is None:
        return
    try:
        certificate = certificates.certificate(router.store, signed_in_trainee(router), programme)
    except StoreError as error:
        router.app.notify(str(error), title="Cannot read your exam", severity="error", markup=False)
        return
    if certificate is None:
        router.app.notify(
            "The certificate comes with a passed final exam whose content a mentor accepted.",
            severity="warning",
        )
        return
    exam = router.content.scenarios.get(certificate.scenario_id)
    title = exam.title if exam is not None else programme.exam.exam_title
    router.app.push_screen(
        screens.CERTIFICATE.load()(
            certificate, title, protect=(router.store.path,), served=router.served
        )
    )
