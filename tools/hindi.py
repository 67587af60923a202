"""Hindi for the window's English strings, filled into desktop/i18n/clms_hi.ts.

    python tools/hindi.py        # lupdate over desktop/views, fill, lrelease

The .ts file is the translation source of record (Qt Linguist can edit it too); this
table is how translations were first written and how new strings get theirs. Keys are
the English source texts; `{0}`-style places and `&` shortcuts are kept.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HI: dict[str, str] = {
    # common
    "Reload": "फिर से लोड करें",
    "Cancel": "रद्द करें",
    "Save": "सहेजें",
    "Saved.": "सहेज लिया गया।",
    "Saved. It applies from the next start of CLMS.": "सहेज लिया गया। यह CLMS के अगली बार शुरू होने से लागू होगा।",
    "CLMS Desktop": "CLMS डेस्कटॉप",
    "It did not work:": "यह नहीं हो पाया:",
    "Counting…": "गिनती हो रही है…",
    "Child": "बच्चा",
    "child": "बच्चा",
    "children": "बच्चे",
    "Children": "बच्चे",
    "Print": "प्रिंट",
    "Print…": "प्रिंट…",
    "Status": "स्थिति",
    "Level": "स्तर",
    "Open": "खुले",
    # adoption board
    "Adoption": "दत्तक ग्रहण",
    "Time limit: {0} days": "समय-सीमा: {0} दिन",
    "Past the limit: {0}": "सीमा से अधिक: {0}",
    "Children in the adoption process or adopted in the last year: {0}.": "दत्तक ग्रहण प्रक्रिया में या पिछले एक वर्ष में गोद लिए गए बच्चे: {0}।",
    "Past their stage's time limit (shown in red): {0}.": "अपने चरण की समय-सीमा पार कर चुके (लाल रंग में): {0}।",
    "Double-click a child to open the record.": "अभिलेख खोलने के लिए बच्चे पर दो बार क्लिक करें।",
    "Days in this stage: {0}": "इस चरण में दिन: {0}",
    "Days past the limit: {0}": "सीमा से अधिक दिन: {0}",
    "In this stage since {0}.": "{0} से इस चरण में।",
    "Time limit ends on {0}.": "समय-सीमा {0} को समाप्त होती है।",
    # dashboard
    "Dashboard": "डैशबोर्ड",
    "As of {0}": "{0} की स्थिति",
    "Children in care": "देखरेख में बच्चे",
    "Children on record (all, including those who left)": "अभिलेख में सभी बच्चे (जा चुके बच्चों सहित)",
    "Open flags": "खुले फ़्लैग",
    "Flags past their due date": "नियत तिथि पार कर चुके फ़्लैग",
    "Flags escalated to the district": "ज़िला स्तर तक बढ़ाए गए फ़्लैग",
    "Flags escalated to the state": "राज्य स्तर तक बढ़ाए गए फ़्लैग",
    "Flags sent up to the district or state": "ज़िला या राज्य स्तर तक भेजे गए फ़्लैग",
    "All children by status": "स्थिति के अनुसार सभी बच्चे",
    "Children in care by gender": "लिंग के अनुसार देखरेख में बच्चे",
    "Children in care by age (years)": "आयु (वर्ष) के अनुसार देखरेख में बच्चे",
    "Children in care by length of stay": "रहने की अवधि के अनुसार देखरेख में बच्चे",
    "Children in care by category": "श्रेणी के अनुसार देखरेख में बच्चे",
    "Open flags by rule, and how many are past their due date": "नियम के अनुसार खुले फ़्लैग, और कितने नियत तिथि पार कर चुके हैं",
    "Past due": "नियत तिथि पार",
    # review queue
    "Review queue": "समीक्षा सूची",
    "Due": "नियत तिथि",
    "Severity": "गंभीरता",
    "What needs doing": "क्या करना है",
    "Rule:": "नियम:",
    "Level:": "स्तर:",
    "Open the child's record": "बच्चे का अभिलेख खोलें",
    "Acknowledge…": "स्वीकार करें…",
    "Resolve…": "निपटाएँ…",
    "Say you have seen it and what you are doing about it": "बताएँ कि आपने इसे देख लिया है और इस पर क्या कर रहे हैं",
    "Close the flag because the work is done": "काम पूरा हो गया है, इसलिए फ़्लैग बंद करें",
    "All rules": "सभी नियम",
    "All levels": "सभी स्तर",
    "The flags could not be loaded: {0}": "फ़्लैग लोड नहीं हो सके: {0}",
    "Nothing needs review. Well done.": "समीक्षा के लिए कुछ भी बाकी नहीं। बहुत अच्छे।",
    "{0} flags need attention; the first {1} by due date are shown.": "{0} फ़्लैग पर ध्यान देना है; नियत तिथि के क्रम में पहले {1} दिखाए गए हैं।",
    "{0} flags need attention, the most urgent first.": "{0} फ़्लैग पर ध्यान देना है, सबसे ज़रूरी पहले।",
    "Raised on {0}, due on {1}.": "{0} को उठाया गया, {1} तक करना था।",
    "Acknowledge the flag": "फ़्लैग स्वीकार करें",
    "What are you doing about it? (this is kept with the flag)": "आप इस पर क्या कर रहे हैं? (यह फ़्लैग के साथ रखा जाएगा)",
    "Resolve the flag": "फ़्लैग निपटाएँ",
    "Why is this done? Say what was done and when (this is kept with the flag).": "यह पूरा क्यों माना जाए? बताएँ कि क्या और कब किया गया (यह फ़्लैग के साथ रखा जाएगा)।",
    "For example: SIR submitted to the CWC on 20/11/2026": "उदाहरण: 20/11/2026 को सीडब्ल्यूसी को सामाजिक जाँच रिपोर्ट जमा की",
    # settings
    "Settings": "सेटिंग्स",
    "Language": "भाषा",
    "Language of the screens:": "स्क्रीन की भाषा:",
    "Changes every screen at once and is remembered the next time CLMS starts. "
    "Names and notes you typed stay as they were written.": "सभी स्क्रीन तुरंत बदल जाती हैं और अगली बार CLMS शुरू होने पर भी यही भाषा रहेगी। "
    "आपके लिखे नाम और टिप्पणियाँ जैसे लिखे गए थे वैसे ही रहेंगे।",
    "Locking the screen": "स्क्रीन लॉक करना",
    "Lock after this many minutes without use:": "इतने मिनट उपयोग न होने पर लॉक करें:",
    "minutes": "मिनट",
    "Children's records are private: when nobody uses the computer for this long, "
    "CLMS asks for the password again.": "बच्चों के अभिलेख गोपनीय हैं: जब इतनी देर तक कोई कंप्यूटर का उपयोग नहीं करता, "
    "तो CLMS फिर से पासवर्ड माँगता है।",
    "Where the data is kept": "डेटा कहाँ रखा है",
    "Data folder:": "डेटा फ़ोल्डर:",
    "Open the folder": "फ़ोल्डर खोलें",
    "The case database, scanned documents and automatic backups are in this folder. "
    "Copy the whole folder to keep a backup.": "मामलों का डेटाबेस, स्कैन किए गए दस्तावेज़ और स्वचालित बैकअप इसी फ़ोल्डर में हैं। "
    "बैकअप रखने के लिए पूरा फ़ोल्डर कॉपी करें।",
    "Saved. The screens are now in English.": "सहेज लिया गया। स्क्रीन अब अंग्रेज़ी में हैं।",
    "Saved. The screens are now in Hindi.": "सहेज लिया गया। स्क्रीन अब हिन्दी में हैं।",
    # children list and main window (part A's screens)
    "Search by name (English or Hindi), child code or guardian's name…": "नाम (अंग्रेज़ी या हिन्दी), बाल कोड या अभिभावक के नाम से खोजें…",
    "Register a new child": "नए बच्चे का पंजीकरण करें",
    "Open profile": "प्रोफ़ाइल खोलें",
    "Print the selected children's records or ID cards": "चुने गए बच्चों के अभिलेख या पहचान पत्र प्रिंट करें",
    "Any status": "कोई भी स्थिति",
    "Any category": "कोई भी श्रेणी",
    "Any gender": "कोई भी लिंग",
    "With or without flags": "फ़्लैग वाले या बिना फ़्लैग के",
    "Only with open flags": "केवल खुले फ़्लैग वाले",
    "Only without open flags": "केवल बिना खुले फ़्लैग वाले",
    "Clear filters": "फ़िल्टर हटाएँ",
    "Showing {0} of {1} {2}": "{1} {2} में से {0} दिखाए जा रहे हैं",
    "First select one or more children in the list.": "पहले सूची में एक या अधिक बच्चे चुनें।",
    "Printing is not available in this version.": "इस संस्करण में प्रिंट उपलब्ध नहीं है।",
    "Data: {0}": "डेटा: {0}",
    "&File": "फ़ाइल (&F)",
    "&Register a new child…": "नए बच्चे का पंजीकरण (&R)…",
    "&Find a child": "बच्चा खोजें (&F)",
    "Re&load": "फिर से लोड करें (&L)",
    "&Lock the screen": "स्क्रीन लॉक करें (&L)",
    "&Quit": "बंद करें (&Q)",
    "&Go to": "जाएँ (&G)",
    "&Help": "सहायता (&H)",
    "&About CLMS Desktop": "CLMS डेस्कटॉप के बारे में (&A)",
    "This screen could not be opened. See the log for details.": "यह स्क्रीन नहीं खुल सकी। विवरण के लिए लॉग देखें।",
    "Locking needs user accounts, which are not set up yet.": "लॉक करने के लिए उपयोगकर्ता खाते चाहिए, जो अभी बनाए नहीं गए हैं।",
    "CLMS Desktop: case records of children in care under the Juvenile Justice "
    "(Care and Protection of Children) Act, 2015.": "CLMS डेस्कटॉप: किशोर न्याय (बालकों की देखरेख और संरक्षण) अधिनियम, 2015 के अंतर्गत "
    "देखरेख में बच्चों के मामलों के अभिलेख।",
    "User: {0}": "उपयोगकर्ता: {0}",
    "Never synced": "कभी सिंक नहीं हुआ",
    "1 open flag": "1 खुला फ़्लैग",
    "{0} open flags": "{0} खुले फ़्लैग",
    # vocabulary
    "In care": "देखरेख में",
    "Restored to family": "परिवार को सौंपा गया",
    "Transferred": "स्थानांतरित",
    "Adopted": "गोद लिया गया",
    "Foster care / sponsorship": "पालन-पोषण देखरेख / प्रायोजन",
    "Aged out / after-care": "18 वर्ष पूरे / पश्चात्‌वर्ती देखरेख",
    "Absconded": "भाग गया",
    "Deceased": "मृत",
    "Girls": "लड़कियाँ",
    "Boys": "लड़के",
    "Transgender": "ट्रांसजेंडर",
    "Recommended": "अनुशंसित",
    "Reviewed": "समीक्षा हुई",
    "Presented to CWC": "सीडब्ल्यूसी के समक्ष प्रस्तुत",
    "CWC inquiry": "सीडब्ल्यूसी जाँच",
    "Declared legally free": "विधिक रूप से मुक्त घोषित",
    "CSR and medical report": "बाल अध्ययन रिपोर्ट व चिकित्सा रिपोर्ट",
    "Registered on CARINGS": "केयरिंग्स पर पंजीकृत",
    "Referred to parents": "दत्तक माता-पिता को संदर्भित",
    "Withdrawn": "प्रक्रिया से हटाया गया",
    "Critical": "अति गंभीर",
    "High": "उच्च",
    "Medium": "मध्यम",
    "Low": "निम्न",
    "Acknowledged": "स्वीकार किया",
    "Escalated": "आगे बढ़ाया गया",
    "Resolved": "निपटाया गया",
    "CCI": "संस्था",
    "District": "ज़िला",
    "State": "राज्य",
    "Under 2": "2 से कम",
    "2 to 5": "2 से 5",
    "6 to 11": "6 से 11",
    "12 to 14": "12 से 14",
    "15 to 17": "15 से 17",
    "18 and over": "18 और अधिक",
    "Under 1 month": "1 माह से कम",
    "1 to 6 months": "1 से 6 माह",
    "6 to 12 months": "6 से 12 माह",
    "1 to 2 years": "1 से 2 वर्ष",
    "2 to 5 years": "2 से 5 वर्ष",
    "5 years or more": "5 वर्ष या अधिक",
    "No category yet": "अभी कोई श्रेणी नहीं",
    "Category {0}": "श्रेणी {0}",
}

# Where one English word needs different Hindi in different places: (context, source).
HI_IN_CONTEXT: dict[tuple[str, str], str] = {
    ("Vocab", "Open"): "खुला",
    ("Vocab", "Adopted"): "गोद लिए गए",
}


def fill(ts_path: Path) -> tuple[int, list[tuple[str, str]]]:
    """Give every unfinished message of the .ts its Hindi; (filled, still missing)."""
    tree = ET.parse(ts_path)
    filled, missing = 0, []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
            kind = tr.get("type")
            if kind in ("obsolete", "vanished") or (tr.text and kind != "unfinished"):
                continue  # finished translations are kept as they are (Linguist edits too)
            hindi = HI_IN_CONTEXT.get((name, source)) or HI.get(source)
            if hindi is None:
                missing.append((name, source))
                continue
            tr.text = hindi
            tr.attrib.pop("type", None)
            filled += 1
    ET.indent(tree)
    with ts_path.open("wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
    return filled, missing


def main() -> int:
    """lupdate over every window module, fill the Hindi, lrelease to the .qm."""
    root = Path(__file__).resolve().parent.parent
    ts = root / "desktop" / "i18n" / "clms_hi.ts"
    qm = ts.with_suffix(".qm")
    tools = Path(sys.executable).parent
    sources = sorted(str(p) for p in (root / "desktop" / "views").glob("*.py"))
    subprocess.run(
        [
            str(tools / "pyside6-lupdate"),
            *sources,
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            "hi_IN",
            "-ts",
            str(ts),
        ],
        check=True,
    )
    filled, missing = fill(ts)
    subprocess.run([str(tools / "pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
    print(f"filled {filled}; without Hindi: {len(missing)}")
    for ctx, source in missing:
        print(f"  {ctx}: {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
