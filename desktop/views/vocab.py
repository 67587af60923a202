"""Words for the stored codes (statuses, stages, severities...) in the current UI language.

Each function builds its table at call time, so a screen retranslated after a language
switch gets the new words. Every string is a literal inside `translate(...)` so that
`pyside6-lupdate` finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.rules.engine import RULES_BY_ID

translate = QCoreApplication.translate  # the name pyside6-lupdate looks for


def child_statuses() -> dict[str, str]:
    """Child statuses (ChildStatus values)."""
    return {
        "in_care": translate("Vocab", "In care"),
        "restored": translate("Vocab", "Restored to family"),
        "transferred": translate("Vocab", "Transferred"),
        "adopted": translate("Vocab", "Adopted"),
        "foster": translate("Vocab", "Foster care / sponsorship"),
        "aged_out": translate("Vocab", "Aged out / after-care"),
        "absconded": translate("Vocab", "Absconded"),
        "deceased": translate("Vocab", "Deceased"),
        "merged": translate("Vocab", "Merged into another record"),
    }


def genders() -> dict[str, str]:
    """Genders (Gender values)."""
    return {
        "female": translate("Vocab", "Girls"),
        "male": translate("Vocab", "Boys"),
        "transgender": translate("Vocab", "Transgender"),
    }


def stages() -> dict[str, str]:
    """Adoption pipeline stages (AdoptionStage values)."""
    return {
        "recommended": translate("Vocab", "Recommended"),
        "reviewed": translate("Vocab", "Reviewed"),
        "presented_to_cwc": translate("Vocab", "Presented to CWC"),
        "inquiry": translate("Vocab", "CWC inquiry"),
        "declared_lfa": translate("Vocab", "Declared legally free"),
        "csr_mer": translate("Vocab", "CSR and medical report"),
        "registered_carings": translate("Vocab", "Registered on CARINGS"),
        "referred": translate("Vocab", "Referred to parents"),
        "adopted": translate("Vocab", "Adopted"),
        "withdrawn": translate("Vocab", "Withdrawn"),
    }


def severities() -> dict[str, str]:
    """Flag severities."""
    return {
        "critical": translate("Vocab", "Critical"),
        "high": translate("Vocab", "High"),
        "medium": translate("Vocab", "Medium"),
        "low": translate("Vocab", "Low"),
    }


def flag_statuses() -> dict[str, str]:
    """Flag statuses."""
    return {
        "open": translate("Vocab", "Open"),
        "acknowledged": translate("Vocab", "Acknowledged"),
        "escalated": translate("Vocab", "Escalated"),
        "resolved": translate("Vocab", "Resolved"),
    }


def levels() -> list[str]:
    """Escalation levels 0, 1, 2."""
    return [translate("Vocab", "CCI"), translate("Vocab", "District"), translate("Vocab", "State")]


def age_bands() -> dict[str, str]:
    """Age band keys of the dashboard service."""
    return {
        "0-1": translate("Vocab", "Under 2"),
        "2-5": translate("Vocab", "2 to 5"),
        "6-11": translate("Vocab", "6 to 11"),
        "12-14": translate("Vocab", "12 to 14"),
        "15-17": translate("Vocab", "15 to 17"),
        "18+": translate("Vocab", "18 and over"),
    }


def stay_bands() -> dict[str, str]:
    """Length-of-stay band keys of the dashboard service."""
    return {
        "<1m": translate("Vocab", "Under 1 month"),
        "1-6m": translate("Vocab", "1 to 6 months"),
        "6-12m": translate("Vocab", "6 to 12 months"),
        "1-2y": translate("Vocab", "1 to 2 years"),
        "2-5y": translate("Vocab", "2 to 5 years"),
        "5y+": translate("Vocab", "5 years or more"),
    }


def rule_title(rule_id: str, lang: str) -> str:
    """A rule's title from the rules engine (it carries English and Hindi)."""
    rule = RULES_BY_ID.get(rule_id)
    if rule is None:
        from desktop.services.flags.received import title

        return title(rule_id, lang) or rule_id
    return rule.hi if lang == "hi" else rule.en


def category_label(code: int | None, lang: str) -> str:
    """A guardian-status category's name from the policy (English or Hindi)."""
    from desktop.rules.policy import PolicyError, load_policy

    if code is None:
        return translate("Vocab", "No category yet")
    try:
        return load_policy().category(code).label(lang)
    except PolicyError:
        return translate("Vocab", "Category {0}").format(code)


def values() -> dict[str, str]:
    """One stored value in words: genders of one child, relations, visits, documents..."""
    return {
        "female": translate("Vocab", "Female"),
        "male": translate("Vocab", "Male"),
        "transgender": translate("Vocab", "Transgender"),
        "police": translate("Vocab", "Police"),
        "childline": translate("Vocab", "Childline (1098)"),
        "cwc": translate("Vocab", "CWC"),
        "parent": translate("Vocab", "Parent"),
        "relative": translate("Vocab", "Relative"),
        "ngo": translate("Vocab", "NGO"),
        "self": translate("Vocab", "Came on their own"),
        "transfer": translate("Vocab", "Transfer"),
        "labour_dept": translate("Vocab", "Labour department"),
        "other": translate("Vocab", "Other"),
        "mother": translate("Vocab", "Mother"),
        "father": translate("Vocab", "Father"),
        "stepmother": translate("Vocab", "Stepmother"),
        "stepfather": translate("Vocab", "Stepfather"),
        "grandparent": translate("Vocab", "Grandparent"),
        "uncle": translate("Vocab", "Uncle"),
        "aunt": translate("Vocab", "Aunt"),
        "sibling": translate("Vocab", "Brother or sister"),
        "legal_guardian": translate("Vocab", "Legal guardian"),
        "alive": translate("Vocab", "Alive"),
        "unknown": translate("Vocab", "Not known"),
        "in_person": translate("Vocab", "In person"),
        "phone": translate("Vocab", "Phone call"),
        "video": translate("Vocab", "Video call"),
        "home_visit": translate("Vocab", "Home visit by staff"),
        "guardian": translate("Vocab", "Parent or guardian"),
        "social_worker": translate("Vocab", "Social worker"),
        "volunteer": translate("Vocab", "Volunteer"),
        "required": translate("Vocab", "Required (missing)"),
        "obtained": translate("Vocab", "Obtained"),
        "verified": translate("Vocab", "Verified"),
        "not_applicable": translate("Vocab", "Not applicable"),
        "production": translate("Vocab", "Production before the CWC"),
        "admission": translate("Vocab", "Admission"),
        "interim_care": translate("Vocab", "Interim care"),
        "final": translate("Vocab", "Final order"),
        "lfa_declaration": translate("Vocab", "Declared legally free for adoption"),
        "restoration": translate("Vocab", "Restoration"),
        "review": translate("Vocab", "Review"),
        "category": translate("Vocab", "Category"),
        "unfit_guardian": translate("Vocab", "Guardian unfit"),
    }


def timeline_kinds() -> dict[str, str]:
    """What each line of a child's timeline is about (the profile service's kinds)."""
    return {
        "admission": translate("Vocab", "Admission"),
        "category": translate("Vocab", "Category"),
        "visit": translate("Vocab", "Visit"),
        "order": translate("Vocab", "CWC order"),
        "sir": translate("Vocab", "SIR"),
        "icp": translate("Vocab", "Care plan"),
        "note": translate("Vocab", "Note"),
        "adoption": translate("Vocab", "Adoption"),
        "transfer": translate("Vocab", "Transfer"),
        "exit": translate("Vocab", "Left care"),
    }


def audit_actions() -> dict[str, str]:
    """What an audit event records, in words (the event's action names)."""
    return {
        "register_child": translate("Vocab", "Child registered"),
        "update_child": translate("Vocab", "Child's details changed"),
        "add_guardian": translate("Vocab", "Guardian added"),
        "log_visit": translate("Vocab", "Visit logged"),
        "delete_visit": translate("Vocab", "Visit deleted"),
        "change_category": translate("Vocab", "Category changed"),
        "set_document_status": translate("Vocab", "Document checklist updated"),
        "attach_scan": translate("Vocab", "Scan attached"),
        "set_photo": translate("Vocab", "Photo set"),
        "record_order": translate("Vocab", "CWC order recorded"),
        "record_sir": translate("Vocab", "Social investigation report recorded"),
        "record_icp": translate("Vocab", "Care plan recorded"),
        "add_note": translate("Vocab", "Note added"),
        "move_adoption_stage": translate("Vocab", "Adoption stage changed"),
        "discharge": translate("Vocab", "Left care"),
        "transfer": translate("Vocab", "Transferred out"),
        "acknowledge_flag": translate("Vocab", "Flag acknowledged"),
        "escalate_flag": translate("Vocab", "Flag escalated"),
        "resolve_flag": translate("Vocab", "Flag resolved"),
        "evaluate_flags": translate("Vocab", "Rules run"),
        "setup_institution": translate("Vocab", "Institution set up"),
        "create_user": translate("Vocab", "User added"),
        "deactivate_user": translate("Vocab", "User switched off"),
        "unlock_user": translate("Vocab", "User unlocked"),
        "reset_password": translate("Vocab", "Password reset"),
        "change_password": translate("Vocab", "Password changed"),
        "login": translate("Vocab", "Logged in"),
        "login_failed": translate("Vocab", "Wrong password"),
        "login_refused": translate("Vocab", "Login refused"),
        "set_idle_lock_minutes": translate("Vocab", "Screen lock time changed"),
        "export_all": translate("Vocab", "Everything exported"),
        "demo_generate": translate("Vocab", "Practice children made"),
        "opened profile": translate("Vocab", "Profile opened"),
        "viewed record": translate("Vocab", "Record viewed"),
        "printed case summary": translate("Vocab", "Case summary printed"),
        "printed entitlement card": translate("Vocab", "Entitlement card printed"),
        "printed entitlement sheet": translate("Vocab", "Entitlement sheet printed"),
        "printed CWC submission file": translate("Vocab", "CWC submission file printed"),
    }


def audit_action(action: str, lang: str) -> str:
    """One audit event's action in words; a flag's action names its rule."""
    words = audit_actions()
    if action in words:
        return words[action]
    name, _, rest = action.partition(" ")
    if name in words:
        return f"{words[name]}: {rule_title(rest, lang)}" if rest else words[name]
    return action.replace("_", " ").capitalize()


_WORDS: dict[str, dict[str, str]] = {}  # per language: every table merged, made once


def word(value: str) -> str | None:
    """The words for a stored code in the current language, or None if it has none.

    Called for every cell of the profile's tables, so the merged table is kept per
    language (keyed by one word's translation, which changes when the language does).
    """
    lang_key = translate("Vocab", "In care")
    words = _WORDS.get(lang_key)
    if words is None:
        words = {}
        for table in (values, flag_statuses, severities, stages, child_statuses):
            words.update(table())  # later tables win, as the first match did before
        _WORDS[lang_key] = words
    return words.get(value)
