"""Every screen the routes open, as a loader that imports the screen's module when it first opens.

The one place outside `ui/screens` that names a screen class; `Lazy.load()` gives the class,
typed, so a route builds the screen with its real constructor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from trainer.ui.routes.lazy import Lazy

if TYPE_CHECKING:
    from trainer.ui.modals.confirm import ConfirmModal
    from trainer.ui.screens.briefing import BriefingScreen
    from trainer.ui.screens.call import CallScreen
    from trainer.ui.screens.call_log import CallLogScreen
    from trainer.ui.screens.catalogue import CatalogueScreen
    from trainer.ui.screens.certificate import CertificateScreen
    from trainer.ui.screens.company import CompanyScreen
    from trainer.ui.screens.home import HomeScreen
    from trainer.ui.screens.mentor_analytics import MentorAnalyticsScreen
    from trainer.ui.screens.mentor_compare import MentorCompareScreen
    from trainer.ui.screens.mentor_criteria import MentorCriteriaScreen
    from trainer.ui.screens.mentor_sign_in import MentorSignInScreen
    from trainer.ui.screens.mentor_trainee import MentorTraineeScreen
    from trainer.ui.screens.mentor_trainees import MentorTraineesScreen
    from trainer.ui.screens.mentor_transcript import MentorTranscriptScreen
    from trainer.ui.screens.quiz import QuizScreen
    from trainer.ui.screens.quiz_intro import QuizIntroScreen
    from trainer.ui.screens.quiz_result import QuizResultScreen
    from trainer.ui.screens.scorecard import ScorecardScreen
    from trainer.ui.screens.served_sign_in import ServedSignInScreen
    from trainer.ui.screens.sign_in import SignInScreen
    from trainer.ui.screens.transcript import TranscriptScreen
    from trainer.ui.screens.worklog import WorkLogScreen

SIGN_IN: Final[Lazy[SignInScreen]] = Lazy("trainer.ui.screens.sign_in:SignInScreen")
SERVED_SIGN_IN: Final[Lazy[ServedSignInScreen]] = Lazy(
    "trainer.ui.screens.served_sign_in:ServedSignInScreen"
)
MENTOR_SIGN_IN: Final[Lazy[MentorSignInScreen]] = Lazy(
    "trainer.ui.screens.mentor_sign_in:MentorSignInScreen"
)
HOME: Final[Lazy[HomeScreen]] = Lazy("trainer.ui.screens.home:HomeScreen")
COMPANY: Final[Lazy[CompanyScreen]] = Lazy("trainer.ui.screens.company:CompanyScreen")
CATALOGUE: Final[Lazy[CatalogueScreen]] = Lazy("trainer.ui.screens.catalogue:CatalogueScreen")
QUIZ_INTRO: Final[Lazy[QuizIntroScreen]] = Lazy("trainer.ui.screens.quiz_intro:QuizIntroScreen")
QUIZ: Final[Lazy[QuizScreen]] = Lazy("trainer.ui.screens.quiz:QuizScreen")
QUIZ_RESULT: Final[Lazy[QuizResultScreen]] = Lazy("trainer.ui.screens.quiz_result:QuizResultScreen")
BRIEFING: Final[Lazy[BriefingScreen]] = Lazy("trainer.ui.screens.briefing:BriefingScreen")
CALL: Final[Lazy[CallScreen]] = Lazy("trainer.ui.screens.call:CallScreen")
SCORECARD: Final[Lazy[ScorecardScreen]] = Lazy("trainer.ui.screens.scorecard:ScorecardScreen")
TRANSCRIPT: Final[Lazy[TranscriptScreen]] = Lazy("trainer.ui.screens.transcript:TranscriptScreen")
CERTIFICATE: Final[Lazy[CertificateScreen]] = Lazy(
    "trainer.ui.screens.certificate:CertificateScreen"
)
MENTOR_TRAINEES: Final[Lazy[MentorTraineesScreen]] = Lazy(
    "trainer.ui.screens.mentor_trainees:MentorTraineesScreen"
)
MENTOR_TRAINEE: Final[Lazy[MentorTraineeScreen]] = Lazy(
    "trainer.ui.screens.mentor_trainee:MentorTraineeScreen"
)
MENTOR_TRANSCRIPT: Final[Lazy[MentorTranscriptScreen]] = Lazy(
    "trainer.ui.screens.mentor_transcript:MentorTranscriptScreen"
)
MENTOR_COMPARE: Final[Lazy[MentorCompareScreen]] = Lazy(
    "trainer.ui.screens.mentor_compare:MentorCompareScreen"
)
MENTOR_ANALYTICS: Final[Lazy[MentorAnalyticsScreen]] = Lazy(
    "trainer.ui.screens.mentor_analytics:MentorAnalyticsScreen"
)
WORK_LOG: Final[Lazy[WorkLogScreen]] = Lazy("trainer.ui.screens.worklog:WorkLogScreen")
CALL_LOG: Final[Lazy[CallLogScreen]] = Lazy("trainer.ui.screens.call_log:CallLogScreen")
MENTOR_CRITERIA: Final[Lazy[MentorCriteriaScreen]] = Lazy(
    "trainer.ui.screens.mentor_criteria:MentorCriteriaScreen"
)
# the question the exam asks before it starts, from the routes rather than a screen
CONFIRM: Final[Lazy[ConfirmModal]] = Lazy("trainer.ui.modals.confirm:ConfirmModal")
