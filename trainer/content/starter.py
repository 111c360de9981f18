"""Commented starter files for `trainer new`: valid from the first save, ready to be edited."""

from __future__ import annotations

from collections.abc import Sequence

from trainer.content.content_set import ContentSet

SCHEMA_COMMENT = "# yaml-language-server: $schema={schema_dir}/{kind}.schema.json\n"

_SCENARIO = """\
{schema}# A scenario: one conversation. The client says a line at each node; the trainee picks a
# reply, which leads to the next node, until a node with an ending. Check: trainer validate
kind: scenario
id: {id}
title: {title}
stage: 3                      # programme stage: 2 (product), 3 (sales training) or 4 (exam)
personas: [{persona}]         # who the client can be; the first is the default
goal: Book a meeting to show the client what we offer.
success: [meeting]            # outcomes that reach the goal
variables:                    # flags and values that replies set and conditions test
  asked_needs: false
start: opening
nodes:
  opening:
    say:                      # variants: one is picked with the attempt's seed
      - "{{name}} speaking."
      - "Yes? {{company}}, {{first_name}} speaking."
    hint: Say who you are and which company you call from before anything else.
    # Write the wrong replies as plausible as the right one, and no shorter or longer: a
    # trainee must not find the answer by its length (validate plays such rules and warns).
    replies:
      - id: introduce
        text: Good morning, {{first_name}}, this is {{trainee}} from {{our_company}}.
        to: needs
        tags: [{tag_good}]
        points: {{{skill_first}: 2}}
        note: Name and company first, so the client never wonders who is calling.
        keywords: [this is, good morning]
      - id: pitch_at_once
        text: >-               # '>-' folds the lines below into one
          Good morning! We have the best offer on the market for a company like yours,
          and I'd love to walk you through it.
        to: wary
        tags: [{tag_bad}]
        points: {{{skill_first}: -1}}
        effects: {{trust: -10}}
        note: An offer before a greeting sounds like a script.
      - id: ask_for_boss
        text: Hello, could you put me through to whoever decides about your phones, please?
        to: lost
        points: {{{skill_first}: -1}}
        note: Asking for someone else before saying who you are sounds like a sales script.
  wary:
    say:                      # a trainee who typed their name is not asked it again
      - Who is this, and what do you want?
      - I'm busy. What do you want?
    hint: Apologise briefly, introduce yourself, then ask a question.
    replies:
      - id: recover
        text: Sorry, {{trainee}} from {{our_company}}. How do you handle your calls today?
        to: needs
        points: {{{skill_first}: 1}}
        note: A late introduction still helps.
      - id: insist
        text: >-
          I know you're busy, but if you could just listen for a minute, I promise you
          won't regret it.
        to: lost
        tags: [{tag_bad}]
        note: Pressing a wary client ends the call.
      - id: give_up
        text: Sorry to have bothered you. Goodbye.
        to: lost
        note: Giving up at the first question loses a call that was still open.
  needs:
    say: Alright, what is this about?
    hint: Ask about the client's situation before offering anything.
    replies:
      - id: ask_needs
        text: Before I offer anything, what matters most to you in a supplier?
        to: interested
        set: {{asked_needs: true}}
        points: {points_ask}
        note: You asked before offering.
      - id: send_brochure
        text: I'll send you our brochure.
        to: lost
        note: A brochure is not a next step.
      - id: list_features
        text: >-
          Our systems have call queues, voicemail to e-mail and an app for every phone,
          at a better price than anywhere else.
        to: lost
        note: A list of features answers questions the client has not asked.
      - id: ask_budget
        text: What budget do you have for new phones this year?
        to: interested     # it goes on, but without the needs, the meeting is not offered
        note: The budget before the needs makes the call about price.
  interested:
    say: Reliability, mostly. Go on.
    hint: Propose a concrete next step.
    replies:
      - id: book
        text: Could we meet on Tuesday at ten, so I can show you how we handle that?
        to: booked
        when: asked_needs     # only offered once the needs were asked about
        points: {{{skill_third}: 3}}
        note: A concrete day and time makes it easy to say yes.
      - id: call_later
        text: >-
          Let me call you back in a few weeks, once you've had time to think about
          everything we discussed.
        to: lost
        note: No date, no next step.
      - id: send_quote
        text: I'll e-mail you a quote tonight.
        to: lost
        note: A quote before the client has seen anything rarely gets read.
      - id: discount_today
        text: If you decide this week, I'll make sure you get our best price.
        to: lost
        note: A price promise nobody asked for sounds like pressure, and may not be yours to give.
  booked:
    say: Tuesday at ten works.
    ending:
      outcome: meeting        # deal | application | meeting | callback | lost | hung-up
      points: {{{skill_third}: 1}}
      note: Meeting booked.
  lost:
    say: Thanks, but no. Goodbye.
    ending:
      outcome: lost
"""

_PERSONA = """\
{schema}# A persona: a scripted client that scenarios list under 'personas'.
# Check it with: trainer validate
kind: persona
id: {id}
name: {title}
role: Office manager
company: Example Trading Ltd
client_type: deciding         # advice | deciding | partnership | key-account | vip | gatekeeper
temperament: phlegmatic       # choleric | sanguine | phlegmatic | melancholic
wants: Someone to help them choose without pressure.
brief: >
  Runs a small office and is comparing suppliers. Polite but busy; warms up to callers who
  ask about the office before offering anything.
meters:                       # starting values, 0..100; at patience 0 the client hangs up
  patience: 60
  trust: 40
  interest: 30
reactions:                    # meter changes whenever a reply carries the tag
{reactions}  unclear: {{patience: -10}}   # a typed reply the client could not understand
lines:
  fallback:
    - Sorry, what do you mean?
    - I didn't follow. Could you say that again?
  hang_up: I really have to go. Goodbye.
# objections:                 # raised in scenarios with 'raises:', answered with 'counters:'
#   price: That sounds expensive.
"""


_QUIZ = """\
{schema}# A quiz: questions on the catalogue or the company. Check it with: trainer validate
kind: quiz
id: {id}
title: {title}
stage: 2                      # the programme stage it belongs to
mode: practice                # practice: feedback after each item; graded: only at the end
pass_mark: 80                 # percent of the points
shuffle: true                 # items and options in a seeded order, stored with the attempt
# draw: 10                    # ask this many items from the pool (every topic at least once)
items:
  - id: warranty-length
    type: single              # single | multiple | true-false | numeric | text
    topic: conditions         # the onboarding question it checks
    question: How long is the standard warranty on our desk phones?
    options:
      - 6 months
      - text: 24 months
        correct: true
      - 5 years
    explanation: Two years on every desk phone; the conditions are printed on the warranty card.
  - id: urgent-out-of-stock
    type: multiple
    topic: out-of-stock
    question: A client urgently needs an item that is out of stock. What do you offer?
    options:
      - text: A substitute that is in stock
        correct: true
      - text: The delivery date when it is ordered from the factory
        correct: true
      - A promise that it will arrive tomorrow
    explanation: Offer what is in stock now and say honestly when the item itself can come.
  - id: free-delivery
    type: true-false
    topic: delivery
    question: Delivery from our warehouse takes longer than ordering from the factory.
    answer: false
    explanation: The warehouse ships within days; a factory order takes weeks.
  - id: volume-price
    type: numeric
    topic: pricing
    question: Ten phones at 100 euros each with a 5% volume discount cost how much?
    answer: 950
    tolerance: 0.5
    unit: EUR
    explanation: 10 x 100 = 1,000, less 5% = 950.
  - id: crm-name
    type: text
    topic: company
    question: What do we call the system where every call and meeting is logged?
    answers: [CRM, the CRM]
    explanation: Every client, call and meeting goes into the CRM on the same day.
"""


def starter_quiz(quiz_id: str, schema_dir: str | None) -> str:
    """A small quiz with one item of each type; it needs no catalogue to validate."""
    return _QUIZ.format(
        schema=SCHEMA_COMMENT.format(schema_dir=schema_dir, kind="quiz") if schema_dir else "",
        id=quiz_id,
        title=quiz_id.replace("_", " ").replace("-", " ").capitalize(),
    )


def starter_scenario(scenario_id: str, content: ContentSet, schema_dir: str | None) -> str:
    """A small, complete scenario that validates against `content`."""
    skills = _pick(
        list(content.rubric.skills),
        ("first_impression", "needs_discovery", "closing"),
        count=3,
    )
    tags = list(content.rubric.tags)
    # Every must-pass skill earns points somewhere, or the scenario would have a scoring hole.
    must_pass = {
        skill_id: 2
        for skill_id, skill in content.rubric.skills.items()
        if skill.must_pass is not None
    }
    return _SCENARIO.format(
        schema=SCHEMA_COMMENT.format(schema_dir=schema_dir, kind="scenario") if schema_dir else "",
        id=scenario_id,
        title=scenario_id.replace("_", " ").replace("-", " ").capitalize(),
        persona=sorted(content.personas)[0],
        tag_good=(_pick(tags, ("introduction",), 1) or ["unclear"])[0],
        tag_bad=(_pick(tags, ("pushy",), 1) or ["unclear"])[0],
        skill_first=skills[0],
        skill_second=skills[1 % len(skills)],
        skill_third=skills[2 % len(skills)],
        points_ask=_points({skills[1 % len(skills)]: 3, **must_pass}),
    )


def starter_persona(persona_id: str, content: ContentSet, schema_dir: str | None) -> str:
    """A persona that validates against `content`, reacting to the rubric's usual tags."""
    wanted = {
        "pushy": "{patience: -15, trust: -5}",
        "discovery": "{trust: +5, interest: +5}",
        "empathy": "{patience: +5}",
    }
    reactions = "".join(
        f"  {tag}: {effects}\n" for tag, effects in wanted.items() if tag in content.rubric.tags
    )
    return _PERSONA.format(
        schema=SCHEMA_COMMENT.format(schema_dir=schema_dir, kind="persona") if schema_dir else "",
        id=persona_id,
        title=persona_id.replace("_", " ").replace("-", " ").title(),
        reactions=reactions,
    )


def _points(points: dict[str, int]) -> str:
    return "{" + ", ".join(f"{skill}: {value}" for skill, value in points.items()) + "}"


def _pick(available: Sequence[str], preferred: Sequence[str], count: int) -> list[str]:
    chosen = [item for item in preferred if item in available]
    chosen.extend(item for item in available if item not in chosen)
    return chosen[:count]
