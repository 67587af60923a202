"""The wording of printed documents in English and Hindi (labels only; child data as stored)."""

from __future__ import annotations

from datetime import date, datetime

_LABELS: dict[str, tuple[str, str]] = {
    # common
    "confidential": ("CONFIDENTIAL", "गोपनीय"),
    "confidential_note": (
        "Confidential: contains a child's personal information (JJ Act 2015, s.74). "
        "Do not copy or share.",
        "गोपनीय: इसमें बच्चे की व्यक्तिगत जानकारी है (किशोर न्याय अधिनियम 2015, धारा 74)। "
        "प्रतिलिपि न बनाएँ, साझा न करें।",
    ),
    "page_of": ("Page {n} of {total}", "पृष्ठ {n} / {total}"),
    "generated": ("Generated {at} by {by}", "{at} को {by} द्वारा बनाया गया"),
    "none": ("none recorded", "कोई दर्ज नहीं"),
    "yes": ("yes", "हाँ"),
    "no": ("no", "नहीं"),
    "not_recorded": ("not recorded", "दर्ज नहीं"),
    "photo": ("Photo", "फ़ोटो"),
    # case summary
    "case_summary": ("Case summary", "प्रकरण सारांश"),
    "child_code": ("Child code", "बाल कोड"),
    "identity": ("Identity", "पहचान"),
    "name": ("Name", "नाम"),
    "gender": ("Gender", "लिंग"),
    "name_local": ("Name (Hindi / local script)", "नाम (हिंदी)"),
    "phone": ("Phone", "फ़ोन"),
    "address": ("Address", "पता"),
    "dob": ("Date of birth", "जन्म तिथि"),
    "estimated": ("estimated", "अनुमानित"),
    "age": ("Age", "आयु"),
    "years": ("{n} years", "{n} वर्ष"),
    "aadhaar": ("Aadhaar", "आधार"),
    "marks": ("Identification marks", "पहचान चिह्न"),
    "disability": ("Disability", "दिव्यांगता"),
    "languages": ("Languages", "भाषाएँ"),
    "admission": ("Admission", "प्रवेश"),
    "admitted_on": ("Admitted on", "प्रवेश तिथि"),
    "days_in_care": ("Days in care", "देखभाल में दिन"),
    "referral": ("Referred by", "संदर्भित"),
    "admission_order": ("Admission order", "प्रवेश आदेश"),
    "produced_cwc": ("Produced before CWC", "सीडब्ल्यूसी के समक्ष प्रस्तुत"),
    "medical_exam": ("Medical examination", "चिकित्सा परीक्षण"),
    "status": ("Status", "स्थिति"),
    "category": ("Category", "श्रेणी"),
    "category_history": ("Category history", "श्रेणी इतिहास"),
    "date": ("Date", "तिथि"),
    "from": ("From", "से"),
    "to": ("To", "तक"),
    "reason": ("Reason", "कारण"),
    "order": ("Order", "आदेश"),
    "by": ("By", "द्वारा"),
    "guardians": ("Guardians and visits", "अभिभावक और मुलाक़ातें"),
    "relation": ("Relation", "संबंध"),
    "life_status": ("Alive / deceased", "जीवित / मृत"),
    "visits_line": (
        "Visits: {count} in all, {year} in the last 12 months; last visit {last} "
        "({days} days ago).",
        "मुलाक़ातें: कुल {count}, पिछले 12 माह में {year}; अंतिम मुलाक़ात {last} ({days} दिन पहले)।",
    ),
    "visits_none": (
        "Visits: none recorded since admission ({days} days ago).",
        "मुलाक़ातें: प्रवेश ({days} दिन पहले) के बाद कोई दर्ज नहीं।",
    ),
    "visit_mode": ("Mode", "प्रकार"),
    "recent_visits": ("Recent visits", "हाल की मुलाक़ातें"),
    "documents": ("Documents checklist", "दस्तावेज़ सूची"),
    "document": ("Document", "दस्तावेज़"),
    "obtained_on": ("Obtained", "प्राप्त"),
    "verified_on": ("Verified", "सत्यापित"),
    "docs_done": ("{done} of {total} obtained or verified", "{total} में से {done} प्राप्त या सत्यापित"),
    "orders": ("CWC orders", "सीडब्ल्यूसी आदेश"),
    "order_no": ("Order no.", "आदेश सं."),
    "type": ("Type", "प्रकार"),
    "next_review": ("Next review", "अगली समीक्षा"),
    "summary": ("Summary", "सारांश"),
    "sir_icp": ("Social investigation and care plan", "सामाजिक जाँच और देखभाल योजना"),
    "sir": ("Social Investigation Report", "सामाजिक जाँच रिपोर्ट"),
    "requested": ("requested {d}", "{d} को माँगी गई"),
    "completed": ("submitted {d}", "{d} को प्रस्तुत"),
    "icp": ("Individual Care Plan", "व्यक्तिगत देखभाल योजना"),
    "prepared": ("prepared {d}", "{d} को तैयार"),
    "review_due": ("review due {d}", "समीक्षा {d} तक"),
    "flags": ("Open review flags", "खुले समीक्षा संकेत"),
    "due": ("Due", "नियत तिथि"),
    "severity": ("Severity", "गंभीरता"),
    "legal_basis": ("Legal basis", "विधिक आधार"),
    "basis_unverified": ("(default, not verified)", "(डिफ़ॉल्ट, असत्यापित)"),
    "adoption": ("Adoption stage", "दत्तक ग्रहण चरण"),
    "stage": ("Stage", "चरण"),
    "notes": ("Recent notes", "हाल की टिप्पणियाँ"),
    "exit": ("Exit", "निकास"),
    # card
    "card_title": ("Entitlement card", "हक़दारी कार्ड"),
    "childline": ("Childline 1098", "चाइल्डलाइन 1098"),
    "childline_word": ("Childline: free, day and night", "चाइल्डलाइन: निःशुल्क, दिन-रात"),
    "card_back_help": (
        "This card is for the child's schemes and services. If found, call Childline 1098 "
        "or return it to:",
        "यह कार्ड बच्चे की योजनाओं और सेवाओं के लिए है। मिलने पर चाइल्डलाइन 1098 पर फ़ोन करें या यहाँ लौटाएँ:",
    ),
    "scan_code": ("Scan: child code only", "स्कैन: केवल बाल कोड"),
    # entitlement sheet
    "entitlement_sheet": ("Entitlement sheet", "हक़दारी पत्रक"),
    "entitlement": ("Entitlement", "हक़दारी"),
    "department": ("Department", "विभाग"),
    "scheme": ("Scheme", "योजना"),
    "reference": ("Reference no.", "संदर्भ सं."),
    "ent_note": (
        "Status comes from the child's record where it holds the fact (Aadhaar, medical "
        'examination, documents checklist); "not recorded" means the record does not hold it yet.',
        "स्थिति बच्चे के अभिलेख से ली गई है जहाँ वह तथ्य दर्ज है (आधार, चिकित्सा परीक्षण, "
        'दस्तावेज़ सूची); "दर्ज नहीं" का अर्थ है कि अभिलेख में यह अभी नहीं है।',
    ),
    "obtained": ("obtained", "प्राप्त"),
    "done": ("done", "पूर्ण"),
    "pending": ("pending", "लंबित"),
    "school": ("School enrolment", "विद्यालय नामांकन"),
    "health": ("Health check", "स्वास्थ्य जाँच"),
    "aadhaar_ent": ("Aadhaar enrolment", "आधार नामांकन"),
    "bank": ("Bank account", "बैंक खाता"),
    "sponsorship": ("Sponsorship", "प्रायोजन"),
    "dept_education": ("Education", "शिक्षा"),
    "dept_health": ("Health", "स्वास्थ्य"),
    "dept_uidai": ("UIDAI (Aadhaar)", "यूआईडीएआई (आधार)"),
    "dept_bank": ("Bank / Finance", "बैंक / वित्त"),
    "dept_social": ("Social Welfare", "समाज कल्याण"),
    "scheme_school": ("Samagra Shiksha / RTE admission", "समग्र शिक्षा / आरटीई प्रवेश"),
    "scheme_health": (
        "Medical examination (JJ Model Rules r.18)",
        "चिकित्सा परीक्षण (किशोर न्याय आदर्श नियम नि.18)",
    ),
    "scheme_aadhaar": ("Aadhaar enrolment", "आधार नामांकन"),
    "scheme_bank": ("Savings account in the child's name", "बच्चे के नाम बचत खाता"),
    "scheme_sponsorship": ("Mission Vatsalya sponsorship", "मिशन वात्सल्य प्रायोजन"),
    # CWC file
    "cwc_file": ("Submission to the Child Welfare Committee", "बाल कल्याण समिति को प्रस्तुति"),
    "to_cwc": (
        "To: The Chairperson, Child Welfare Committee, {district}",
        "सेवा में: अध्यक्ष, बाल कल्याण समिति, {district}",
    ),
    "subject": (
        "Subject: Recommendation to evaluate {name} (child code {code}) for adoption",
        "विषय: {name} (बाल कोड {code}) के दत्तक ग्रहण हेतु मूल्यांकन की अनुशंसा",
    ),
    "letter_body": (
        "The institution places before the Committee the case of the child named above. "
        "The facts below, taken from the case record on {as_of}, meet the grounds for "
        "adoption evaluation in the policy of this institution. The Committee is requested to "
        "inquire and, if it is satisfied, to declare the child legally free for adoption "
        "under section 38 of the Juvenile Justice (Care and Protection of Children) Act, 2015.",
        "संस्था उपर्युक्त बच्चे का प्रकरण समिति के समक्ष प्रस्तुत करती है। {as_of} को प्रकरण "
        "अभिलेख से लिए गए नीचे दिए तथ्य इस संस्था की नीति में दत्तक ग्रहण मूल्यांकन के आधारों "
        "को पूरा करते हैं। समिति से अनुरोध है कि वह जाँच करे और संतुष्ट होने पर किशोर न्याय "
        "(बालकों की देखरेख और संरक्षण) अधिनियम, 2015 की धारा 38 के अंतर्गत बच्चे को दत्तक "
        "ग्रहण हेतु विधिक रूप से मुक्त घोषित करे।",
    ),
    "letter_body_none": (
        "The institution places before the Committee the case of the child named above, "
        "with the facts from the case record on {as_of}, for the Committee's direction.",
        "संस्था उपर्युक्त बच्चे का प्रकरण, {as_of} को प्रकरण अभिलेख के तथ्यों सहित, समिति के "
        "निर्देश हेतु प्रस्तुत करती है।",
    ),
    "no_recommendation": (
        "The rules do not recommend this child for adoption evaluation on {as_of}: {why}",
        "{as_of} को नियम इस बच्चे की दत्तक ग्रहण मूल्यांकन हेतु अनुशंसा नहीं करते: {why}",
    ),
    "not_in_care": ("the child is not in care", "बच्चा देखभाल में नहीं है"),
    "no_grounds": ("none of the grounds applies", "कोई आधार लागू नहीं होता"),
    "recommendation": ("Recommendation", "अनुशंसा"),
    "facts": ("Facts behind the recommendation", "अनुशंसा के आधार तथ्य"),
    "fact": ("Fact", "तथ्य"),
    "value": ("Value", "मान"),
    "signature": ("Superintendent (signature and seal)", "अधीक्षक (हस्ताक्षर और मुहर)"),
    "place_date": ("Place and date", "स्थान और तिथि"),
    "enclosures": (
        "Enclosures: the documents marked obtained or verified below.",
        "संलग्नक: नीचे प्राप्त या सत्यापित अंकित दस्तावेज़।",
    ),
    "missing": ("missing", "अनुपलब्ध"),
    "from_inst": ("From: {inst}", "प्रेषक: {inst}"),
    "dated": ("Date: {d}", "दिनांक: {d}"),
    "category_now": ("Category now", "वर्तमान श्रेणी"),
    "visits_12m": ("Guardian visits in the last 12 months", "पिछले 12 माह में अभिभावक मुलाक़ातें"),
    "orders_list": ("CWC orders on record", "अभिलेख में सीडब्ल्यूसी आदेश"),
}

_FACTS: dict[str, tuple[str, str]] = {
    "legal_class": ("Legal class of the category", "श्रेणी का विधिक वर्ग"),
    "category_set_on": ("Category set on", "श्रेणी निर्धारण तिथि"),
    "admission_date": ("Admitted on", "प्रवेश तिथि"),
    "last_visit": ("Last guardian visit in person", "अभिभावक की अंतिम प्रत्यक्ष मुलाक़ात"),
    "guardians_living": ("Living guardians", "जीवित अभिभावक"),
    "surrender_on": ("Surrendered on", "अभ्यर्पण तिथि"),
    "dob": ("Date of birth", "जन्म तिथि"),
    "days_since_visit": ("Days since the last visit", "अंतिम मुलाक़ात से दिन"),
    "age_years": ("Age in years", "आयु (वर्ष)"),
    "stage": ("Adoption stage", "दत्तक ग्रहण चरण"),
    "restoration_order_on": ("Restoration order", "पुनर्स्थापन आदेश"),
    "category_code": ("Category", "श्रेणी"),
    "guardian_died_on": ("Latest death of a guardian", "किसी अभिभावक की अंतिम मृत्यु तिथि"),
    "last_call": ("Last guardian call (phone or video)", "अभिभावक की अंतिम कॉल (फ़ोन या वीडियो)"),
    "last_followup": ("Social worker's last follow-up", "सामाजिक कार्यकर्ता का अंतिम अनुवर्तन"),
    "lfa_on": ("Declared legally free on", "विधिक रूप से मुक्त घोषणा तिथि"),
}


def t(key: str, lang: str, **values: object) -> str:
    """The label in `lang` ("en" or "hi"), with {placeholders} filled in."""
    en, hi = _LABELS[key]
    text = hi if lang == "hi" else en
    return text.format(**values) if values else text


def visits_line(visits: dict[str, object], lang: str) -> str:
    """One sentence on guardian visits: how many, how recent (or none since admission)."""
    if not visits["count"]:
        return t("visits_none", lang, days=visits["days_since_last"])
    return t(
        "visits_line",
        lang,
        count=visits["count"],
        year=visits["last_12_months"],
        last=fmt_date(visits["last"]),
        days=visits["days_since_last"],
    )


def label_or(key: str, lang: str) -> str:
    """The label if there is one, else the key itself (wording added by other modules)."""
    return t(key, lang) if key in _LABELS else key


def fact_label(key: str, lang: str) -> str:
    """A rule fact's name for paper (the key itself when it has no wording yet)."""
    pair = _FACTS.get(key)
    if pair is None:
        return key.replace("_", " ")
    return pair[1] if lang == "hi" else pair[0]


def fmt_date(value: object) -> str:
    """DD-MM-YYYY, as Indian forms write dates; '-' for nothing."""
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return "-" if value is None or value == "" else str(value)


# Stored codes (enum values) as words on paper.
_VALUES: dict[str, tuple[str, str]] = {
    "female": ("female", "बालिका"),
    "male": ("male", "बालक"),
    "transgender": ("transgender", "ट्रांसजेंडर"),
    "in_care": ("in care", "देखभाल में"),
    "restored": ("restored to family", "परिवार को पुनर्स्थापित"),
    "transferred": ("transferred", "स्थानांतरित"),
    "adopted": ("adopted", "दत्तक ग्रहण हुआ"),
    "foster": ("foster care / sponsorship", "पोषण देखभाल / प्रायोजन"),
    "aged_out": ("aged out", "आयु पूर्ण"),
    "absconded": ("absconded", "फ़रार"),
    "deceased": ("deceased", "मृत"),
    "police": ("police", "पुलिस"),
    "childline": ("Childline", "चाइल्डलाइन"),
    "cwc": ("CWC", "सीडब्ल्यूसी"),
    "parent": ("parent", "माता-पिता"),
    "ngo": ("NGO", "स्वयंसेवी संस्था"),
    "self": ("self", "स्वयं"),
    "transfer": ("transfer", "स्थानांतरण"),
    "labour_dept": ("Labour Department", "श्रम विभाग"),
    "other": ("other", "अन्य"),
    "mother": ("mother", "माता"),
    "father": ("father", "पिता"),
    "stepmother": ("stepmother", "सौतेली माता"),
    "stepfather": ("stepfather", "सौतेले पिता"),
    "grandparent": ("grandparent", "दादा-दादी / नाना-नानी"),
    "uncle": ("uncle", "चाचा / मामा"),
    "aunt": ("aunt", "चाची / मौसी"),
    "sibling": ("sibling", "भाई / बहन"),
    "relative": ("relative", "रिश्तेदार"),
    "legal_guardian": ("legal guardian", "विधिक अभिभावक"),
    "alive": ("alive", "जीवित"),
    "unknown": ("unknown", "अज्ञात"),
    "in_person": ("in person", "स्वयं आकर"),
    "phone": ("phone", "फ़ोन"),
    "video": ("video call", "वीडियो कॉल"),
    "home_visit": ("home visit", "गृह भ्रमण"),
    "required": ("required", "आवश्यक"),
    "obtained": ("obtained", "प्राप्त"),
    "verified": ("verified", "सत्यापित"),
    "not_applicable": ("not applicable", "लागू नहीं"),
    "production": ("production", "प्रस्तुति"),
    "admission": ("admission", "प्रवेश"),
    "interim_care": ("interim care", "अंतरिम देखभाल"),
    "final": ("final order", "अंतिम आदेश"),
    "lfa_declaration": ("LFA declaration", "एलएफए घोषणा"),
    "restoration": ("restoration", "पुनर्स्थापन"),
    "review": ("review", "समीक्षा"),
    "category": ("category", "श्रेणी"),
    "unfit_guardian": ("unfit guardian", "अयोग्य अभिभावक"),
    "recommended": ("recommended by rules", "नियमों द्वारा अनुशंसित"),
    "reviewed": ("reviewed by superintendent", "अधीक्षक द्वारा समीक्षित"),
    "presented_to_cwc": ("file presented to CWC", "सीडब्ल्यूसी को फ़ाइल प्रस्तुत"),
    "inquiry": ("inquiry", "जाँच"),
    "declared_lfa": ("declared legally free", "विधिक रूप से मुक्त घोषित"),
    "csr_mer": ("CSR and MER", "बाल अध्ययन व चिकित्सा रिपोर्ट"),
    "registered_carings": ("registered on CARINGS", "केयरिंग्स पर पंजीकृत"),
    "referred": ("referred", "संदर्भित"),
    "withdrawn": ("withdrawn", "वापस लिया गया"),
    "critical": ("critical", "अति गंभीर"),
    "high": ("high", "उच्च"),
    "medium": ("medium", "मध्यम"),
    "low": ("low", "निम्न"),
    "open": ("open", "खुला"),
    "acknowledged": ("acknowledged", "स्वीकृत"),
    "escalated": ("escalated", "आगे बढ़ाया गया"),
    "orphan": ("orphan", "अनाथ"),
    "abandoned": ("abandoned", "परित्यक्त"),
    "surrendered": ("surrendered", "अभ्यर्पित"),
    "s38_3": ("s.38(3) child", "धारा 38(3) बालक"),
    "done": ("done", "पूर्ण"),
    "pending": ("pending", "लंबित"),
    "applied": ("applied", "आवेदन किया"),
    "received": ("received", "प्राप्त"),
    "rejected": ("rejected", "अस्वीकृत"),
    "not_recorded": ("not recorded", "दर्ज नहीं"),
}


def value(code: object, lang: str) -> str:
    """A stored code (status, relation, mode...) in words; unknown codes print as they are."""
    if code is None or code == "":
        return "-"
    pair = _VALUES.get(str(code))
    if pair is None:
        words = str(code).replace("_", " ")
    else:
        words = pair[1] if lang == "hi" else pair[0]
    return words[:1].upper() + words[1:]  # words on paper, never a raw code: "Female"
