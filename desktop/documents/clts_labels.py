"""The wording of the child-labour (CLTS) documents in English and Hindi.

Names of departments, schemes, compensation lines, industries and orders come from the
CLTS policy file (each has `en` and `hi`); this module holds the documents' own words.
The card's Hindi follows CLTS's पात्रता पत्र (card_print.php).
"""

from __future__ import annotations

from desktop.rules.clts_policy import CltsPolicy

_LABELS: dict[str, tuple[str, str]] = {
    "card_title": ("Entitlement Card", "पात्रता पत्र"),
    "sheet_title": ("Entitlement sheet", "पात्रता विवरणी"),
    "report_title": ("Quarterly CLTS report", "त्रैमासिक बाल श्रम (सीएलटीएस) प्रतिवेदन"),
    "case_id": ("CLTS case ID", "बच्चे का आईडी सं॰ (CLTS)"),
    "child_code": ("Child code", "बाल कोड"),
    "name": ("Name", "नाम"),
    "rescued_on": ("Rescued on", "बाल श्रम से विमुक्ति की तिथि"),
    "rescue_place": ("Place of rescue", "विमुक्ति का स्थान"),
    "age": ("Age", "आयु"),
    "years": ("{n} years", "{n} वर्ष"),
    "sex": ("Sex", "लिंग"),
    "father": ("Father", "पिता का नाम"),
    "mother": ("Mother", "माता का नाम"),
    "address": ("Permanent address", "स्थायी पता"),
    "industry": ("Found working in", "कार्य"),
    "final_order": ("CWC final order", "बाल कल्याण समिति का अंतिम आदेश"),
    "department": ("Department", "विभाग का नाम"),
    "scheme": ("Scheme", "योजना का नाम"),
    "status": ("Status", "स्थिति"),
    "date": ("Date", "तिथि"),
    "reference": ("Reference", "संदर्भ"),
    "office": ("Responsible office", "उत्तरदायी कार्यालय"),
    "due": ("Due by", "नियत तिथि"),
    "remarks": ("Remarks", "अभ्युक्ति"),
    "ledger": ("Compensation and relief", "प्रतिकर एवं सहायता राशि"),
    "line": ("Line", "मद"),
    "amount": ("Amount due", "देय राशि"),
    "ordered": ("Ordered", "आदेशित"),
    "sanctioned": ("Sanctioned", "स्वीकृत"),
    "paid": ("Paid", "भुगतान"),
    "payer": ("Payer", "भुगतानकर्ता"),
    "scan_verify": ("Scan to check the card", "पत्र की जाँच हेतु स्कैन करें"),
    "unsigned": ("Not signed: case ID only", "हस्ताक्षरित नहीं: केवल आईडी"),
    "more_on_sheet": ("+{n} more: see the entitlement sheet", "+{n} और: पात्रता विवरणी देखें"),
    "helplines": ("Helplines", "हेल्पलाइन"),
    "entitlements": ("Entitlements", "लाभ दिए जाने वाले योजनाओं की विवरणी"),
    "counts_line": (
        "{eligible} eligible · {received} received · {gaps} gaps ({overdue} past their day)",
        "{eligible} पात्र · {received} प्राप्त · {gaps} कमियाँ ({overdue} समय-सीमा पार)",
    ),
    "gap_note": (
        "Shaded rows are gaps: eligible and not yet received. Red dates are past the day the "
        "policy sets (days from the rescue or from the CWC's final order).",
        "छायांकित पंक्तियाँ कमियाँ हैं: पात्र पर अभी प्राप्त नहीं। लाल तिथियाँ नीति द्वारा निर्धारित "
        "समय-सीमा (विमुक्ति या बाल कल्याण समिति के अंतिम आदेश से दिन) पार कर चुकी हैं।",
    ),
    "recommendation": (
        "The child named above was freed from child labour. For the child's rehabilitation "
        "with the family, the Child Welfare Committee {cwc} (constituted under section 27 of "
        "the Juvenile Justice (Care and Protection of Children) Act, 2015) has, after inquiry, "
        "recommended the benefits of the schemes listed here for the child and the family. "
        "The departments named are requested to act on them without delay.",
        "उक्त बच्चे को बाल श्रम से विमुक्त कराया गया है। बच्चे को उसके परिवार में पुनर्वास हेतु "
        "बाल कल्याण समिति {cwc} (किशोर न्याय (बालकों की देखरेख और संरक्षण) अधिनियम, 2015 की "
        "धारा 27 के अंतर्गत गठित) द्वारा जाँचोपरांत यहाँ वर्णित योजनाओं में बच्चे एवं उसके परिवार "
        "को लाभ देने की अनुशंसा की गई है। संबंधित विभागों से अनुरोध है कि त्वरित कार्रवाई की जाए।",
    ),
    "signed_by": (
        "Signature and seal: Assistant Director, District Child Protection Unit",
        "हस्ताक्षर एवं मुहर: सहायक निदेशक, जिला बाल संरक्षण इकाई",
    ),
    "issued_on": ("Date of issue", "जारी होने की तिथि"),
    "unverified": (
        "* amount or period not verified in a primary text (policy {tag}); "
        "re-check before relying on it.",
        "* राशि या अवधि प्राथमिक स्रोत में सत्यापित नहीं (नीति {tag}); भरोसा करने से पहले जाँच लें।",
    ),
    "none": ("none", "कोई नहीं"),
    "interstate": ("other state", "अन्य राज्य"),
    "in_state": ("this state", "इसी राज्य से"),
    # statuses and ledger stages
    "st_eligible": ("eligible", "पात्र"),
    "st_applied": ("applied", "आवेदन किया"),
    "st_received": ("received", "प्राप्त"),
    "st_rejected": ("rejected", "अस्वीकृत"),
    "st_not_eligible": ("not eligible", "पात्र नहीं"),
    "st_not_assessed": ("to be assessed", "आकलन शेष"),
    "stage_due": ("due", "देय"),
    "stage_ordered": ("ordered", "आदेशित"),
    "stage_sanctioned": ("sanctioned", "स्वीकृत"),
    "stage_paid": ("paid", "भुगतान"),
    "stage_refused": ("refused", "अस्वीकृत"),
    "payer_state": ("State", "राज्य"),
    "payer_employer": ("Employer", "नियोजक"),
    "payer_central": ("Central scheme", "केंद्रीय योजना"),
    "male": ("Male", "बालक"),
    "female": ("Female", "बालिका"),
    "transgender": ("Transgender", "ट्रांसजेंडर"),
    # quarterly report
    "quarter": ("Quarter", "तिमाही"),
    "area": ("Area", "क्षेत्र"),
    "rescued": ("Children rescued in the quarter", "तिमाही में विमुक्त बच्चे"),
    "by_industry": ("By industry", "उद्योग के अनुसार"),
    "by_age": ("By age and gender", "आयु एवं लिंग के अनुसार"),
    "by_origin": ("By origin", "मूल स्थान के अनुसार"),
    "age_band": ("Age", "आयु"),
    "total": ("Total", "कुल"),
    "children": ("Children", "बच्चे"),
    "comp_title": (
        "Compensation ordered and paid in the quarter",
        "तिमाही में आदेशित एवं भुगतान की गई प्रतिकर राशि",
    ),
    "count": ("Count", "संख्या"),
    "outstanding": ("Outstanding (Rs)", "बकाया (₹)"),
    "rupees": ("Rupees", "राशि (₹)"),
    "coverage": ("Entitlement coverage at the quarter's end", "तिमाही के अंत में योजनाओं का लाभ"),
    "eligible_n": ("Eligible", "पात्र"),
    "received_n": ("Received", "प्राप्त"),
    "coverage_pct": ("Coverage", "लाभ प्रतिशत"),
    "follow_title": ("Schooling and work after rescue", "विमुक्ति के बाद शिक्षा एवं कार्य"),
    "in_school": ("Children in school", "विद्यालय में बच्चे"),
    "status_known": ("with schooling recorded", "जिनकी शिक्षा स्थिति दर्ज"),
    "working_again": ("Children found working again", "पुनः काम करते पाए गए बच्चे"),
    "visits_done": ("Follow-up visits made", "किए गए अनुवर्ती भ्रमण"),
    "visits_missed": ("Follow-up visits past due", "समय-सीमा पार अनुवर्ती भ्रमण"),
    "open_cases": ("Open cases at the quarter's end", "तिमाही के अंत में खुले मामले"),
    "source_cci": ("From this institution's records", "इस संस्था के अभिलेखों से"),
    "source_district": (
        "From the bundles of the district's CCIs received by {when}",
        "{when} तक प्राप्त जिले की संस्थाओं के बंडलों से",
    ),
    "source_state": (
        "From the bundles of the state's CCIs received at central by {when}",
        "{when} तक केंद्रीय सर्वर पर प्राप्त राज्य की संस्थाओं के बंडलों से",
    ),
    "no_cases": ("No rescued child in this quarter.", "इस तिमाही में कोई विमुक्त बच्चा नहीं।"),
    "unknown": ("not recorded", "दर्ज नहीं"),
}


def ct(key: str, lang: str, **values: object) -> str:
    """A CLTS document label in `lang`, with {placeholders} filled in."""
    en, hi = _LABELS[key]
    text = hi if lang == "hi" else en
    return text.format(**values) if values else text


def both(key: str) -> str:
    """A label in both scripts, Hindi first, as the CLTS card prints its heading."""
    en, hi = _LABELS[key]
    return f"{hi} · {en}"


def name_of(table: dict[str, object], code: str | None, lang: str) -> str:
    """The policy name of a code (department, scheme, line, industry...) in `lang`."""
    if not code:
        return "-"
    item = table.get(code)
    if item is None:
        return code.replace("_", " ")
    return str(item.hi if lang == "hi" else item.en)  # type: ignore[attr-defined]


def status_word(status: str, lang: str) -> str:
    """An entitlement status in words."""
    key = f"st_{status}"
    return ct(key, lang) if key in _LABELS else status.replace("_", " ")


def stage_word(stage: str, lang: str) -> str:
    """A ledger line's stage in words."""
    key = f"stage_{stage}"
    return ct(key, lang) if key in _LABELS else stage


def rupees(n: int | None) -> str:
    """Rs with Indian digit grouping: 2,00,000."""
    if n is None:
        return "-"
    s = str(abs(int(n)))
    head, tail = s[:-3], s[-3:]
    groups: list[str] = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    out = ",".join([*groups, tail]) if groups else tail
    return f"Rs {'-' if n < 0 else ''}{out}"


def policy_names(policy: CltsPolicy) -> dict[str, dict[str, object]]:
    """The policy's name tables, by kind, for `name_of`."""
    return {
        "department": dict(policy.departments),
        "scheme": dict(policy.schemes),
        "line": dict(policy.compensation),
        "industry": dict(policy.industries),
        "order": dict(policy.cwc_orders),
        "agency": dict(policy.agencies),
    }
