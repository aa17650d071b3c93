"""Read and check klaerung.yaml: every mistake is reported as `file:line: text`, all at once.

Checked: unknown keys, duplicate ids, a part or question type that does not exist, a choice without
a label, conditions about unknown questions or answers (or about questions that come later),
jumps to unknown questions, loops, missing pictograms, and that every language file has the same
structure (only the words may differ).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..content import ContentError, load_yaml_with_lines
from ..resume.navigation import local_path
from .conditions import ALWAYS, Condition
from .questionnaire import (
    CHOICE_TYPES,
    INFO,
    MODES,
    MULTIPLE,
    QUESTION_TYPES,
    TEXT,
    YES_NO,
    YES_NO_VALUES,
    Choice,
    Jump,
    ModuleRule,
    NextStep,
    Part,
    Question,
    Questionnaire,
    ResultTexts,
    StartTexts,
)

FILE_NAME = "klaerung.yaml"
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FORMATS = ("postcode",)
TEXT_LIMIT = 2000
MODULE_NUMBERS = range(1, 9)

TOP_KEYS = {"start", "yes_no", "parts", "questions", "result"}
START_KEYS = {"title", "lead", "what", "facts", "choose", "modes", "mode_hints"}
PART_KEYS = {"id", "title"}
QUESTION_KEYS = {
    "id", "part", "type", "question", "summary", "hint", "support", "label", "choices", "required",
    "max_length", "format", "error", "when", "unless", "next", "result_section", "text", "law", "link", "link_text",
}
INFO_ONLY_KEYS = {"text", "law", "link", "link_text"}
CHOICE_KEYS = {"value", "label", "icon", "exclusive", "answered_by"}
JUMP_KEYS = {"when", "unless", "goto"}
RESULT_KEYS = {
    "title", "intro", "sections", "notes_heading", "modules_heading", "no_modules", "next_steps_heading",
    "modules", "next_steps",
}
# `always: true`: a module every person is offered (the JobBudget report: Modul 1 for everyone).
MODULE_RULE_KEYS = {"module", "when", "unless", "always", "reason"}
NEXT_STEP_KEYS = {"when", "unless", "text", "link", "link_text"}


class _Checker:
    """Collects problems while building the questionnaire; `result()` raises them all together."""

    def __init__(self, path: Path, lang: str, icons_dir: Path | None):
        self.path = path
        self.lang = lang
        self.icons_dir = icons_dir
        self.problems: list[ContentError] = []
        self.data, self.lines = load_yaml_with_lines(path)

    # --- small helpers -------------------------------------------------------------------

    def problem(self, keys: tuple, text: str) -> None:
        self.problems.append(self.lines.error(*keys, text=text))

    def mapping(self, value, keys: tuple, allowed: set[str], what: str) -> dict:
        if not isinstance(value, dict):
            self.problem(keys, f"{what} must be a mapping (key: value)")
            return {}
        for key in value:
            if key not in allowed:
                self.problem(keys + (key,), f"unknown key '{key}' in {what} (allowed: {', '.join(sorted(allowed))})")
        return value

    def text(self, mapping: dict, keys: tuple, key: str, required: bool = True) -> str:
        value = mapping.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(keys + (key,), f"'{key}' is missing or empty")
            return ""
        if not isinstance(value, str):
            self.problem(keys + (key,), f"'{key}' must be text")
            return ""
        return value.strip()

    def link(self, mapping: dict, keys: tuple) -> tuple[str | None, str]:
        link = mapping.get("link")
        link_text = self.text(mapping, keys, "link_text", required=link is not None)
        if link is None:
            if "link_text" in mapping:
                self.problem(keys + ("link_text",), "'link_text' needs a 'link'")
            return None, ""
        if not isinstance(link, str) or local_path(link) is None:
            self.problem(keys + ("link",), f"link '{link}' must be a path inside the portal, starting with /")
            return None, ""
        return link, link_text

    # --- the file ----------------------------------------------------------------------

    def build(self) -> Questionnaire | None:
        data = self.mapping(self.data, (), TOP_KEYS, "the file")
        for key in sorted(TOP_KEYS - set(data)):
            self.problem((), f"'{key}' is missing")
        start = self.start(data.get("start") or {})
        self.yes_no = self.yes_no_labels(data.get("yes_no") or {})
        parts = self.parts(data.get("parts") or [])
        result_sections = self.result_sections(data.get("result") or {})
        questions = self.questions(data.get("questions") or [], parts, result_sections)
        by_id = {question.id: question for question in questions}
        self.check_references(questions, by_id)
        self.check_loops(questions, by_id)
        result, module_rules, next_steps = self.result(data.get("result") or {}, by_id)
        if self.problems:
            return None
        return Questionnaire(
            lang=self.lang,
            path=self.lines.path,
            start=start,
            parts=tuple(parts.values()),
            questions=tuple(questions),
            result=result,
            module_rules=module_rules,
            next_steps=next_steps,
        )

    def start(self, value) -> StartTexts:
        keys = ("start",)
        start = self.mapping(value, keys, START_KEYS, "start")
        facts = start.get("facts")
        if not isinstance(facts, list) or not facts or not all(isinstance(f, str) and f.strip() for f in facts):
            self.problem(keys + ("facts",), "'facts' must be a list of texts")
            facts = []
        modes = {}
        hints = {}
        for key, target in (("modes", modes), ("mode_hints", hints)):
            found = self.mapping(start.get(key) or {}, keys + (key,), set(MODES), key)
            for mode in MODES:
                target[mode] = self.text(found, keys + (key,), mode)
        return StartTexts(
            title=self.text(start, keys, "title"),
            lead=self.text(start, keys, "lead"),
            what=self.text(start, keys, "what"),
            facts=tuple(fact.strip() for fact in facts),
            choose=self.text(start, keys, "choose"),
            modes=modes,
            mode_hints=hints,
        )

    def yes_no_labels(self, value) -> dict[str, str]:
        labels = self.mapping(value, ("yes_no",), set(YES_NO_VALUES), "yes_no")
        return {key: self.text(labels, ("yes_no",), key) for key in YES_NO_VALUES}

    def parts(self, value) -> dict[str, Part]:
        parts: dict[str, Part] = {}
        if not isinstance(value, list) or not value:
            self.problem(("parts",), "'parts' must be a list")
            return parts
        for position, item in enumerate(value):
            keys = ("parts", position)
            part = self.mapping(item, keys, PART_KEYS, "a part")
            part_id = part.get("id")
            if not isinstance(part_id, str) or not ID.match(part_id):
                self.problem(keys + ("id",), f"part id '{part_id}' must be lower-case letters, digits and hyphens")
                continue
            if part_id in parts:
                self.problem(keys + ("id",), f"duplicate part id '{part_id}'")
                continue
            parts[part_id] = Part(part_id, self.text(part, keys, "title"), len(parts) + 1)
        return parts

    def result_sections(self, value) -> dict[str, str]:
        result = value if isinstance(value, dict) else {}
        sections = result.get("sections")
        if not isinstance(sections, dict) or not sections:
            self.problem(("result", "sections"), "'sections' must map section keys to headings")
            return {}
        return {key: self.text(sections, ("result", "sections"), key) for key in sections}

    # --- questions ---------------------------------------------------------------------

    def questions(self, value, parts: dict[str, Part], sections: dict[str, str]) -> list[Question]:
        questions: list[Question] = []
        seen: set[str] = set()
        if not isinstance(value, list) or not value:
            self.problem(("questions",), "'questions' must be a list")
            return questions
        last_part = 0
        for position, item in enumerate(value):
            keys = ("questions", position)
            question = self.question(item, keys, parts, sections)
            if question is None:
                continue
            if question.id in seen:
                self.problem(keys + ("id",), f"duplicate question id '{question.id}'")
                continue
            if question.part.number < last_part:
                self.problem(keys + ("part",), f"question '{question.id}' is in part '{question.part.id}', "
                             "but an earlier question is in a later part: keep each part's questions together")
            last_part = max(last_part, question.part.number)
            seen.add(question.id)
            questions.append(question)
        for part in parts.values():
            if not any(question.part == part for question in questions):
                self.problem(("parts",), f"part '{part.id}' has no questions")
        return questions

    def question(self, item, keys: tuple, parts: dict[str, Part], sections: dict[str, str]) -> Question | None:
        raw = self.mapping(item, keys, QUESTION_KEYS, "a question")
        question_id = raw.get("id")
        if not isinstance(question_id, str) or not ID.match(question_id):
            self.problem(keys + ("id",), f"question id '{question_id}' must be lower-case letters, digits and hyphens")
            return None
        kind = raw.get("type")
        if kind not in QUESTION_TYPES:
            self.problem(keys + ("type",), f"question '{question_id}': unknown type '{kind}' (types: {', '.join(QUESTION_TYPES)})")
            return None
        part = parts.get(raw.get("part"))
        if part is None:
            self.problem(keys + ("part",), f"question '{question_id}': unknown part '{raw.get('part')}'")
            return None
        if kind != INFO:
            for key in sorted(INFO_ONLY_KEYS & set(raw)):
                self.problem(keys + (key,), f"question '{question_id}': '{key}' is only for info pages")
        section = raw.get("result_section")
        if kind != INFO and section not in sections:
            self.problem(keys + ("result_section",),
                         f"question '{question_id}': result_section '{section}' is not one of result.sections "
                         f"({', '.join(sections)})")
        link, link_text = self.link(raw, keys) if kind == INFO else (None, "")
        return Question(
            id=question_id,
            part=part,
            type=kind,
            text=self.text(raw, keys, "question"),
            support=self.text(raw, keys, "support"),
            line=self.lines.line_of(*keys),
            summary=self.text(raw, keys, "summary", required=kind != INFO),
            hint=self.text(raw, keys, "hint", required=False),
            label=self.text(raw, keys, "label", required=kind == TEXT),
            choices=self.choices(raw, keys, question_id, kind),
            required=self.required(raw, keys, kind),
            max_length=self.max_length(raw, keys),
            format=self.format(raw, keys),
            error=self.text(raw, keys, "error", required="format" in raw),
            condition=self.condition(raw, keys),
            jumps=self.jumps(raw.get("next"), keys + ("next",)),
            result_section=section if kind != INFO else None,
            body=self.text(raw, keys, "text", required=kind == INFO),
            law=self.text(raw, keys, "law", required=False),
            link=link,
            link_text=link_text,
        )

    def choices(self, raw: dict, keys: tuple, question_id: str, kind: str) -> tuple[Choice, ...]:
        value = raw.get("choices")
        if kind == YES_NO:
            if value is not None:
                self.problem(keys + ("choices",), f"question '{question_id}': yes_no questions have fixed answers (see yes_no)")
            return tuple(Choice(v, self.yes_no[v]) for v in YES_NO_VALUES)
        if kind not in CHOICE_TYPES:
            if value is not None:
                self.problem(keys + ("choices",), f"question '{question_id}': a {kind} question has no choices")
            return ()
        if not isinstance(value, list) or len(value) < 2:
            self.problem(keys + ("choices",), f"question '{question_id}' needs at least 2 choices")
            return ()
        choices: list[Choice] = []
        for position, item in enumerate(value):
            choice_keys = keys + ("choices", position)
            choice = self.mapping(item, choice_keys, CHOICE_KEYS, "a choice")
            choice_value = choice.get("value")
            if not isinstance(choice_value, str) or not ID.match(choice_value):
                self.problem(choice_keys + ("value",), f"question '{question_id}': choice value '{choice_value}' "
                             "must be lower-case letters, digits and hyphens")
                continue
            if any(existing.value == choice_value for existing in choices):
                self.problem(choice_keys + ("value",), f"question '{question_id}': duplicate choice value '{choice_value}'")
                continue
            label = choice.get("label")
            if not isinstance(label, str) or not label.strip():
                self.problem(choice_keys, f"question '{question_id}': choice '{choice_value}' has no label")
                continue
            icon = choice.get("icon")
            if icon is not None and (not isinstance(icon, str) or not ID.match(icon)
                                     or (self.icons_dir and not (self.icons_dir / f"{icon}.svg").is_file())):
                self.problem(choice_keys + ("icon",), f"question '{question_id}': pictogram '{icon}' not found in static/icons")
                icon = None
            exclusive = choice.get("exclusive", False)
            if exclusive and kind != MULTIPLE:
                self.problem(choice_keys + ("exclusive",), f"question '{question_id}': 'exclusive' is only for multiple choice")
            choices.append(Choice(choice_value, label.strip(), icon, bool(exclusive), choice.get("answered_by")))
        return tuple(choices)

    def required(self, raw: dict, keys: tuple, kind: str) -> bool:
        value = raw.get("required", kind in CHOICE_TYPES)
        if not isinstance(value, bool):
            self.problem(keys + ("required",), "'required' must be true or false")
            return True
        return value

    def max_length(self, raw: dict, keys: tuple) -> int:
        value = raw.get("max_length", 300)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= TEXT_LIMIT:
            self.problem(keys + ("max_length",), f"'max_length' must be a number from 1 to {TEXT_LIMIT}")
            return 300
        return value

    def format(self, raw: dict, keys: tuple) -> str | None:
        value = raw.get("format")
        if value is not None and value not in FORMATS:
            self.problem(keys + ("format",), f"unknown format '{value}' (formats: {', '.join(FORMATS)})")
            return None
        return value

    def condition(self, raw: dict, keys: tuple) -> Condition:
        parts = {}
        for key in ("when", "unless"):
            value = raw.get(key)
            if value is None:
                parts[key] = {}
                continue
            if not isinstance(value, dict) or not value:
                self.problem(keys + (key,), f"'{key}' must map question ids to answers")
                parts[key] = {}
                continue
            requirements = {}
            for question_id, accepted in value.items():
                accepted = [accepted] if isinstance(accepted, str) else accepted
                if not isinstance(accepted, list) or not accepted or not all(isinstance(v, str) for v in accepted):
                    self.problem(keys + (key, question_id), f"'{key}': answers for '{question_id}' must be a value or a list")
                    continue
                requirements[str(question_id)] = tuple(accepted)
            parts[key] = requirements
        if not parts["when"] and not parts["unless"]:
            return ALWAYS
        return Condition(parts["when"], parts["unless"])

    def jumps(self, value, keys: tuple) -> tuple[Jump, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(keys, "'next' must be a list of {when: …, goto: question}")
            return ()
        jumps = []
        for position, item in enumerate(value):
            jump_keys = keys + (position,)
            jump = self.mapping(item, jump_keys, JUMP_KEYS, "a jump")
            goto = jump.get("goto")
            if not isinstance(goto, str):
                self.problem(jump_keys + ("goto",), "'goto' must name a question")
                continue
            condition = self.condition(jump, jump_keys)
            if condition is ALWAYS:
                self.problem(jump_keys, "a jump needs 'when' or 'unless' (without one, simply move the question)")
                continue
            jumps.append(Jump(condition, goto))
        return tuple(jumps)

    # --- references between questions -------------------------------------------------

    def check_references(self, questions: list[Question], by_id: dict[str, Question]) -> None:
        order = {question.id: position for position, question in enumerate(questions)}
        for question in questions:
            keys = ("questions", self.position(question))
            self.check_condition(question.condition, keys, by_id, before=question, order=order)
            for number, jump in enumerate(question.jumps):
                jump_keys = keys + ("next", number)
                self.check_condition(jump.condition, jump_keys, by_id, before=None, order=order, upto=question)
                if jump.goto not in by_id:
                    self.problem(jump_keys + ("goto",), f"question '{question.id}': unknown next question '{jump.goto}'")
            for number, choice in enumerate(question.choices):
                if choice.answered_by is None:
                    continue
                target = by_id.get(choice.answered_by)
                if target is None or not target.is_info:
                    self.problem(keys + ("choices", number, "answered_by"),
                                 f"question '{question.id}': answered_by '{choice.answered_by}' is not an info page")

    def check_condition(self, condition: Condition, keys: tuple, by_id: dict[str, Question], before, order,
                        upto: Question | None = None) -> None:
        for key, requirements in (("when", condition.when), ("unless", condition.unless)):
            for question_id, accepted in requirements.items():
                where = keys + (key, question_id)
                target = by_id.get(question_id)
                if target is None:
                    self.problem(where, f"condition about unknown question '{question_id}'")
                    continue
                if not target.has_choices:
                    self.problem(where, f"condition about '{question_id}', which has no choices")
                    continue
                if before is not None and order[question_id] >= order[before.id]:
                    self.problem(where, f"question '{before.id}' depends on '{question_id}', which comes later")
                if upto is not None and order[question_id] > order[upto.id]:
                    self.problem(where, f"the jump from '{upto.id}' depends on '{question_id}', which comes later")
                for value in accepted:
                    if value not in target.values:
                        self.problem(where, f"'{question_id}' has no answer '{value}' (answers: {', '.join(target.values)})")

    def check_loops(self, questions: list[Question], by_id: dict[str, Question]) -> None:
        """Each page leads to the next in the file or jumps; a jump backwards could loop forever."""
        following = {q.id: questions[i + 1].id for i, q in enumerate(questions[:-1])}
        edges = {q.id: [following[q.id]] if q.id in following else [] for q in questions}
        for question in questions:
            edges[question.id] += [jump.goto for jump in question.jumps if jump.goto in by_id]
        state: dict[str, str] = {}

        def visit(node: str, trail: list[str]) -> list[str] | None:
            state[node] = "open"
            for target in edges[node]:
                if state.get(target) == "open":
                    return trail[trail.index(target):] + [target] if target in trail else [node, target]
                if target not in state:
                    found = visit(target, trail + [target])
                    if found:
                        return found
            state[node] = "done"
            return None

        for question in questions:
            if question.id not in state:
                loop = visit(question.id, [question.id])
                if loop:
                    start = by_id[loop[0]]
                    self.problem(("questions", self.position(start)), "loop in the questions: " + " → ".join(loop))
                    return

    def position(self, question: Question) -> int:
        for position, item in enumerate(self.data.get("questions") or []):
            if isinstance(item, dict) and item.get("id") == question.id:
                return position
        return 0

    # --- result ------------------------------------------------------------------------

    def result(self, value, by_id: dict[str, Question]):
        keys = ("result",)
        result = self.mapping(value, keys, RESULT_KEYS, "result")
        texts = ResultTexts(
            title=self.text(result, keys, "title"),
            intro=self.text(result, keys, "intro"),
            sections={k: v for k, v in (result.get("sections") or {}).items() if isinstance(v, str)},
            notes_heading=self.text(result, keys, "notes_heading"),
            modules_heading=self.text(result, keys, "modules_heading"),
            no_modules=self.text(result, keys, "no_modules"),
            next_steps_heading=self.text(result, keys, "next_steps_heading"),
        )
        order = {question_id: position for position, question_id in enumerate(by_id)}
        module_rules = []
        for position, item in enumerate(result.get("modules") or []):
            rule_keys = keys + ("modules", position)
            rule = self.mapping(item, rule_keys, MODULE_RULE_KEYS, "a module rule")
            module = rule.get("module")
            if module not in MODULE_NUMBERS:
                self.problem(rule_keys + ("module",), f"module '{module}' must be a number from 1 to 8")
                continue
            condition = self.condition(rule, rule_keys)
            always = rule.get("always")
            if always not in (None, True):
                self.problem(rule_keys + ("always",), "'always' can only be true")
            elif always and condition is not ALWAYS:
                self.problem(rule_keys, f"the rule for module {module} says 'always': it cannot also have 'when' or 'unless'")
            elif not always and condition is ALWAYS:
                self.problem(rule_keys, f"the rule for module {module} needs 'when', 'unless' or 'always: true'")
            self.check_condition(condition, rule_keys, by_id, before=None, order=order)
            module_rules.append(ModuleRule(module, condition, self.text(rule, rule_keys, "reason")))
        next_steps = []
        for position, item in enumerate(result.get("next_steps") or []):
            step_keys = keys + ("next_steps", position)
            step = self.mapping(item, step_keys, NEXT_STEP_KEYS, "a next step")
            condition = self.condition(step, step_keys)
            self.check_condition(condition, step_keys, by_id, before=None, order=order)
            link, link_text = self.link(step, step_keys)
            next_steps.append(NextStep(condition, self.text(step, step_keys, "text"), link, link_text))
        if not next_steps:
            self.problem(keys + ("next_steps",), "'next_steps' must list at least one step")
        return texts, tuple(module_rules), tuple(next_steps)


def load_questionnaire(path: Path, lang: str, icons_dir: Path | None = None) -> Questionnaire:
    """Parse and check one language's file; raises ContentError naming file and line of every mistake."""
    if not path.is_file():
        raise ContentError.at(path, 1, f"missing file: the Klärung needs {FILE_NAME} in every language folder")
    checker = _Checker(path, lang, icons_dir)
    questionnaire = checker.build()
    if checker.problems:
        raise ContentError.combine(checker.problems)
    return questionnaire


def structure(questionnaire: Questionnaire) -> list[tuple[int, str, tuple]]:
    """What must be the same in every language: (line, name, signature) per item, in file order."""
    items = [(1, "parts", tuple(part.id for part in questionnaire.parts))]
    for question in questionnaire.questions:
        items.append((question.line, f"question '{question.id}'", (
            question.id, question.part.id, question.type, question.required, question.max_length, question.format,
            question.result_section, question.condition.signature(), question.link,
            tuple((j.goto, j.condition.signature()) for j in question.jumps),
            tuple((c.value, c.icon, c.exclusive, c.answered_by) for c in question.choices),
        )))
    for number, rule in enumerate(questionnaire.module_rules):
        items.append((1, f"result module rule {number + 1}", (rule.module, rule.condition.signature())))
    for number, step in enumerate(questionnaire.next_steps):
        items.append((1, f"next step {number + 1}", (step.condition.signature(), step.link)))
    items.append((1, "result sections", tuple(questionnaire.result.sections)))
    return items


def check_same_structure(reference: Questionnaire, other: Questionnaire) -> None:
    """Answers are stored as values, so every language must ask the same questions with the same rules."""
    theirs = structure(other)
    ours = structure(reference)
    for position, (line, name, signature) in enumerate(theirs):
        expected = ours[position] if position < len(ours) else None
        if expected is None or expected[1:] != (name, signature):
            wanted = expected[1] if expected else "nothing more"
            raise ContentError.at(other.path, line, f"differs from {reference.path} at {name} (expected {wanted} "
                                  "with the same ids, answers, conditions and links): only the words may differ")
    if len(ours) > len(theirs):
        raise ContentError.at(other.path, 1, f"{ours[len(theirs)][1]} is missing (it is in {reference.path})")


def load_all(content_dir: Path, languages, icons_dir: Path | None = None) -> dict[str, Questionnaire]:
    questionnaires = {lang: load_questionnaire(content_dir / lang / FILE_NAME, lang, icons_dir) for lang in languages}
    reference = questionnaires[languages[0]]
    for lang in languages[1:]:
        check_same_structure(reference, questionnaires[lang])
    return questionnaires

