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
    "Sync": "सिंक",
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
    "Acknowledged by {0} on {1}: {2}": "{0} ने {1} को स्वीकार किया: {2}",
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

# Other areas' screens (children list, registration, users, login, audit, print, sync).
HI_OTHER_SCREENS: dict[str, str] = {
    # sync
    "Before sending: set up this CCI's key and import the state office's key file.": "भेजने से पहले: इस संस्था की कुंजी बनाएँ और राज्य कार्यालय की कुंजी फ़ाइल आयात करें।",
    "Passphrase of this CCI's sync key:": "इस संस्था की सिंक कुंजी का पासफ़्रेज़:",
    "Set up this CCI's key…": "इस संस्था की कुंजी बनाएँ…",
    "This CCI's key is ready. Fingerprint: {fp}": "इस संस्था की कुंजी तैयार है। फ़िंगरप्रिंट: {fp}",
    "This CCI's key:": "इस संस्था की कुंजी:",
    "Type the state office's address first.": "पहले राज्य कार्यालय का पता लिखें।",
    "in this computer's keyring": "इस कंप्यूटर के कीरिंग में",
    "Bundle": "बंडल",
    "Bundles": "बंडल",
    "Checking and taking in the bundles…": "बंडल जाँचे और लिए जा रहे हैं…",
    "Choose the USB stick": "यूएसबी स्टिक चुनें",
    "Conflicts": "टकराव",
    "Copying to the USB stick…": "यूएसबी स्टिक पर कॉपी हो रहा है…",
    "District key": "ज़िला कुंजी",
    "District office key:": "ज़िला कार्यालय की कुंजी:",
    "District view": "ज़िला दृश्य",
    "District {code}: bundles from its CCIs, checked and merged.": "ज़िला {code}: इसकी संस्थाओं से आए बंडल, जाँचे और मिलाए गए।",
    "Children of the selected CCI (read only):": "चुनी गई संस्था के बच्चे (केवल देखने के लिए):",
    "Errors": "त्रुटियाँ",
    "Export for USB…": "यूएसबी के लिए निर्यात करें…",
    "Forward to the state office": "राज्य कार्यालय को आगे भेजें",
    "From the {who}, {when}.": "{who} से, {when}।",
    "Import from USB…": "यूएसबी से आयात करें…",
    "Import office key file…": "कार्यालय की कुंजी फ़ाइल आयात करें…",
    "Import receipts from USB…": "यूएसबी से रसीदें आयात करें…",
    "It did not work: {why}": "यह नहीं हो पाया: {why}",
    "Key files (*.pub)": "कुंजी फ़ाइलें (*.pub)",
    "Last receipt": "अंतिम रसीद",
    "Last received": "अंतिम प्राप्ति",
    "Made on": "बनाया गया",
    "New CCI": "नई संस्था",
    "New changes (not yet packed):": "नए बदलाव (अभी पैक नहीं हुए):",
    "No key store was found on this computer, so the key is kept in a passphrase-protected "
    "file. Keep the passphrase safe: it is needed to send.": "इस कंप्यूटर पर कोई कुंजी भंडार नहीं मिला, इसलिए कुंजी पासफ़्रेज़ से सुरक्षित फ़ाइल में "
    "रखी गई है। पासफ़्रेज़ सँभालकर रखें: भेजने के लिए इसकी ज़रूरत होगी।",
    "Not accepted: {file}: {why}": "स्वीकार नहीं हुआ: {file}: {why}",
    "Not taken in: {file}: {why}": "नहीं लिया गया: {file}: {why}",
    "Nothing has been acknowledged yet.": "अभी तक किसी की पुष्टि नहीं हुई है।",
    "Nothing new to send.": "भेजने के लिए कुछ नया नहीं है।",
    "Office key file": "कार्यालय की कुंजी फ़ाइल",
    "Outbox (sent in this order):": "भेजे जाने वाले (इसी क्रम में भेजे जाएँगे):",
    "Outbox:": "भेजे जाने वाले:",
    "Passphrase of the district key:": "ज़िला कुंजी का पासफ़्रेज़:",
    "Records not yet accepted:": "अभिलेख जो अभी स्वीकार नहीं हुए:",
    "Records": "अभिलेख",
    "Send data to the state office": "राज्य कार्यालय को डेटा भेजें",
    "Send now": "अभी भेजें",
    "Sending…": "भेजा जा रहा है…",
    "Sent {n} bundle(s); the receipts were checked.": "{n} बंडल भेजे गए; रसीदें जाँच ली गईं।",
    "Size": "आकार",
    "Some records were not accepted; they will go again after the next change.": "कुछ अभिलेख स्वीकार नहीं हुए; वे अगले बदलाव के बाद फिर भेजे जाएँगे।",
    "State office address:": "राज्य कार्यालय का पता:",
    "State office key:": "राज्य कार्यालय की कुंजी:",
    "Stopped: {why}": "रुक गया: {why}",
    "Sync key": "सिंक कुंजी",
    "The key could not be opened: {why}": "कुंजी नहीं खुल सकी: {why}",
    "The key of the {office} ({name}) was imported.\n\nFingerprint: {fp}\n\nPlease phone the "
    "office and check that they read out the same fingerprint.": "{office} ({name}) की कुंजी आयात हो गई।\n\nफ़िंगरप्रिंट: {fp}\n\nकृपया कार्यालय को फ़ोन "
    "करें और जाँचें कि वे यही फ़िंगरप्रिंट पढ़कर सुनाते हैं।",
    "The key was not made: the passphrases differ.": "कुंजी नहीं बनी: दोनों पासफ़्रेज़ अलग हैं।",
    "This computer has no key store, so the key will be kept in a file protected by a "
    "passphrase. Choose a passphrase:": "इस कंप्यूटर में कुंजी भंडार नहीं है, इसलिए कुंजी पासफ़्रेज़ से सुरक्षित फ़ाइल में रखी "
    "जाएगी। एक पासफ़्रेज़ चुनें:",
    "This computer is not set up as a district office. Ask the state office to set it up "
    "(clms sync district init).": "यह कंप्यूटर ज़िला कार्यालय के रूप में तैयार नहीं है। राज्य कार्यालय से इसे तैयार "
    "करवाएँ (clms sync district init)।",
    "Type the passphrase again:": "पासफ़्रेज़ फिर से लिखें:",
    "Unchanged": "अपरिवर्तित",
    "Updated": "अद्यतन",
    "copied to USB": "यूएसबी पर कॉपी हुआ",
    "district office": "ज़िला कार्यालय",
    "in a passphrase-protected file": "पासफ़्रेज़ से सुरक्षित फ़ाइल में",
    "not imported (optional)": "आयात नहीं हुआ (वैकल्पिक)",
    "not imported yet": "अभी आयात नहीं हुआ",
    "not set up yet": "अभी तैयार नहीं",
    "state office": "राज्य कार्यालय",
    "waiting": "प्रतीक्षा में",
    "{name} has not sent bundles to this office before.\n\nPhone the CCI and ask them to read "
    "out their key fingerprint. Does it match this one?\n\n{fp}": "{name} ने इस कार्यालय को पहले कभी बंडल नहीं भेजे हैं।\n\nसंस्था को फ़ोन करें और उनसे "
    "उनकी कुंजी का फ़िंगरप्रिंट पढ़वाएँ। क्या वह इससे मिलता है?\n\n{fp}",
    "{n} bundle(s) copied to {folder}. Take the stick to the district office and bring back "
    "the receipts.": "{n} बंडल {folder} में कॉपी हुए। स्टिक ज़िला कार्यालय ले जाएँ और रसीदें वापस लाएँ।",
    "{n} bundle(s) forwarded to the state office.": "{n} बंडल राज्य कार्यालय को आगे भेजे गए।",
    "{n} bundle(s) taken in, {r} receipt(s) written to the stick.": "{n} बंडल लिए गए, {r} रसीदें स्टिक पर लिखी गईं।",
    "{n} bundle(s), {size}": "{n} बंडल, {size}",
    "{n} receipt(s) checked and accepted.": "{n} रसीदें जाँची और स्वीकार की गईं।",
    "{text}: {done} of {total}": "{text}: {total} में से {done}",
    # users, login, audit
    " minutes without use": " मिनट उपयोग न होने पर",
    ", {0} wrong passwords typed": ", {0} बार गलत पासवर्ड लिखा गया",
    "Active": "सक्रिय",
    "Add a user": "उपयोगकर्ता जोड़ें",
    "Add a user…": "उपयोगकर्ता जोड़ें…",
    "All {0} events are intact.": "सभी {0} घटनाएँ सुरक्षित हैं, कोई छेड़छाड़ नहीं।",
    "At least 8 characters, letters mixed with numbers or signs, not your name.": "कम से कम 8 अक्षर, अक्षरों के साथ अंक या चिह्न मिलाकर, आपका नाम नहीं।",
    "Audit trail": "लेखा परीक्षण सूची",
    "CLMS Desktop – locked": "CLMS डेस्कटॉप – लॉक है",
    "CLMS Desktop – log in": "CLMS डेस्कटॉप – लॉग इन",
    "Change my password…": "मेरा पासवर्ड बदलें…",
    "Change password": "पासवर्ड बदलें",
    "Check that nothing was tampered with": "जाँचें कि कोई छेड़छाड़ तो नहीं हुई",
    "Checking…": "जाँच हो रही है…",
    "Choose a new password for {0}.": "{0} के लिए नया पासवर्ड चुनें।",
    "Choose a new password to continue.": "आगे बढ़ने के लिए नया पासवर्ड चुनें।",
    "Current password": "वर्तमान पासवर्ड",
    "Districts are LGD numbers, separated by commas.": "ज़िले LGD संख्याएँ हैं, अल्पविराम से अलग।",
    "Districts": "ज़िले",
    "Enter your user name and password.": "अपना उपयोगकर्ता नाम और पासवर्ड लिखें।",
    "Every change and every opened, printed or exported record is listed here with who did "
    "it. Nobody can change this list without it being noticed.": "हर बदलाव और हर खोला, प्रिंट या निर्यात किया गया अभिलेख यहाँ, किसने किया उसके साथ, "
    "दर्ज है। इस सूची को कोई बिना पकड़े गए नहीं बदल सकता।",
    "Everyone": "सभी",
    "From": "से",
    "To": "तक",
    "Full name": "पूरा नाम",
    "LGD codes, e.g. 212, 213": "LGD कोड, जैसे 212, 213",
    "Language:": "भाषा:",
    "Lock the screen after": "स्क्रीन लॉक करें",
    "Locked after {0} wrong passwords": "{0} बार गलत पासवर्ड के बाद लॉक",
    "Log in to CLMS Desktop": "CLMS डेस्कटॉप में लॉग इन करें",
    "Log in": "लॉग इन",
    "New password again": "नया पासवर्ड फिर से",
    "New password for {0}": "{0} के लिए नया पासवर्ड",
    "New password set for {0}.": "{0} के लिए नया पासवर्ड बना दिया गया।",
    "New password": "नया पासवर्ड",
    "New password…": "नया पासवर्ड…",
    "New": "नया",
    "Password again": "पासवर्ड फिर से",
    "Password": "पासवर्ड",
    "Quit CLMS": "CLMS बंद करें",
    "Role": "भूमिका",
    "Search": "खोजें",
    "Show": "दिखाएँ",
    "Switch off": "बंद करें",
    "Switch on": "चालू करें",
    "Switched off": "बंद",
    "Tampering found: {0}. Tell the district office.": "छेड़छाड़ मिली: {0}। ज़िला कार्यालय को बताएँ।",
    "Tell {0} this password; they must choose their own when they log in.": "{0} को यह पासवर्ड बताएँ; लॉग इन करते समय उन्हें अपना पासवर्ड चुनना होगा।",
    "The program itself (system)": "प्रोग्राम स्वयं (सिस्टम)",
    "The screen is locked. Log in to continue.": "स्क्रीन लॉक है। आगे बढ़ने के लिए लॉग इन करें।",
    "The screen will lock after {0} minutes without use.": "{0} मिनट उपयोग न होने पर स्क्रीन लॉक हो जाएगी।",
    "The two new passwords are not the same.": "दोनों नए पासवर्ड एक जैसे नहीं हैं।",
    "The two passwords are not the same.": "दोनों पासवर्ड एक जैसे नहीं हैं।",
    "Unlock": "अनलॉक करें",
    "User added.": "उपयोगकर्ता जोड़ दिया गया।",
    "User name": "उपयोगकर्ता नाम",
    "Users": "उपयोगकर्ता",
    "Who": "किसने",
    "Your password is changed.": "आपका पासवर्ड बदल गया है।",
    "Your password was reset. Choose your own new password.": "आपका पासवर्ड रीसेट किया गया था। अपना नया पासवर्ड चुनें।",
    "never": "कभी नहीं",
    "{0} can log in.": "{0} लॉग इन कर सकते हैं।",
    "{0} events": "{0} घटनाएँ",
    "{0} will no longer be able to log in. Continue?": "{0} अब लॉग इन नहीं कर पाएँगे। जारी रखें?",
    # printing
    " (the newest {0}; narrow the filters to see older ones)": " (सबसे नए {0}; पुराने देखने के लिए फ़िल्टर सीमित करें)",
    "A CWC submission file is made for one child at a time. Keep one child in the list.": "सीडब्ल्यूसी को भेजी जाने वाली फ़ाइल एक बार में एक बच्चे की बनती है। सूची में एक ही "
    "बच्चा रखें।",
    "Add →": "जोड़ें →",
    "CWC submission file (adoption evaluation)": "सीडब्ल्यूसी को भेजी जाने वाली फ़ाइल (दत्तक ग्रहण मूल्यांकन)",
    "Cards on A4 sheets with crop marks (8 a sheet)": "A4 शीट पर कटाई के निशानों के साथ कार्ड (एक शीट पर 8)",
    "Case summary": "मामले का सारांश",
    "Check them, then print or save.": "इन्हें जाँचें, फिर प्रिंट करें या सहेजें।",
    "Child code": "बाल कोड",
    "Children chosen:": "चुने गए बच्चे:",
    "Close": "बंद करें",
    "Code": "कोड",
    "Document:": "दस्तावेज़:",
    "Entitlement card": "पात्रता कार्ड",
    "Entitlement sheet": "पात्रता पत्रक",
    "Find a child by name or code, then Add:": "नाम या कोड से बच्चा खोजें, फिर जोड़ें:",
    "Name or child code": "नाम या बाल कोड",
    "Name": "नाम",
    "No child matches.": "कोई बच्चा मेल नहीं खाता।",
    "Open in PDF viewer": "पीडीएफ़ व्यूअर में खोलें",
    "Pages:": "पृष्ठ:",
    "Preparing the document": "दस्तावेज़ तैयार हो रहा है",
    "Preview and print…": "देखें और प्रिंट करें…",
    "Preview is not available here; use Open in PDF viewer.": "यहाँ पूर्वावलोकन उपलब्ध नहीं है; पीडीएफ़ व्यूअर में खोलें।",
    "Print documents": "दस्तावेज़ प्रिंट करें",
    "Print preview": "प्रिंट पूर्वावलोकन",
    "Remove": "हटाएँ",
    "Save as PDF": "पीडीएफ़ के रूप में सहेजें",
    "Save as PDF…": "पीडीएफ़ के रूप में सहेजें…",
    "The file could not be saved:": "फ़ाइल सहेजी नहीं जा सकी:",
    "The printer did not start:": "प्रिंटर शुरू नहीं हुआ:",
    "Try Open in PDF viewer and print from there.": "पीडीएफ़ व्यूअर में खोलकर वहाँ से प्रिंट करें।",
    # registration and children list
    "Choose the child's photo": "बच्चे की फ़ोटो चुनें",
    "A registration form you were filling in was kept ({0}, {1}).\n\nContinue with it?": "आप जो पंजीकरण फ़ॉर्म भर रहे थे, वह रखा गया था ({0}, {1})।\n\nक्या उसे आगे भरें?",
    "Admission": "प्रवेश",
    "Born about {0}.": "लगभग {0} में जन्म।",
    "Choose a photo…": "फ़ोटो चुनें…",
    "Clear the form": "फ़ॉर्म साफ़ करें",
    "Close (keep the draft)": "बंद करें (ड्राफ़्ट रखें)",
    "Continue where you stopped?": "जहाँ छोड़ा था वहीं से आगे बढ़ें?",
    "Date of birth": "जन्म तिथि",
    "Fields marked * are needed. Give the date of birth, or the age if it is not known. "
    "What you type is kept as a draft until you save.": "* वाले खाने ज़रूरी हैं। जन्म तिथि दें, या पता न हो तो आयु। आप जो लिखते हैं वह सहेजने "
    "तक ड्राफ़्ट के रूप में रखा जाता है।",
    "Gender": "लिंग",
    "Images (*.jpg *.jpeg *.png)": "चित्र (*.jpg *.jpeg *.png)",
    "Is this child already registered?": "क्या यह बच्चा पहले से पंजीकृत है?",
    "No child on record looks like this one.": "अभिलेख में कोई बच्चा इस जैसा नहीं दिखता।",
    "No photo": "कोई फ़ोटो नहीं",
    "Please check: {0} child(ren) on record may be the same child.": "कृपया जाँचें: अभिलेख में {0} बच्चे यही बच्चा हो सकते हैं।",
    "Possibly already registered": "शायद पहले से पंजीकृत",
    "Save and open the profile": "सहेजें और प्रोफ़ाइल खोलें",
    "The child": "बच्चा",
    "This file is not a picture CLMS can read.": "यह फ़ाइल ऐसा चित्र नहीं है जिसे CLMS पढ़ सके।",
    "Type the name and age to check for the same child.": "वही बच्चा पहले से है या नहीं, जाँचने के लिए नाम और आयु लिखें।",
    "no name yet": "अभी कोई नाम नहीं",
    "{0} child(ren) on record may be this same child (see the list at the bottom of the "
    "form).\n\nRegister as a new child anyway?": "अभिलेख में {0} बच्चे यही बच्चा हो सकते हैं (फ़ॉर्म के नीचे की सूची देखें)।\n\nफिर भी "
    "नए बच्चे के रूप में पंजीकरण करें?",
    "{0} years old today.": "आज {0} वर्ष का/की।",
}

HI.update(HI_OTHER_SCREENS)

# The set-up wizard, child profile and print descriptions.
HI_PROFILE_AND_WIZARD: dict[str, str] = {
    # set-up wizard
    "A practice home with {0} made-up children is made in a separate folder. Nothing you do "
    "there touches real records. Start CLMS again and choose 'Set up' when you are ready for "
    "real work.": "{0} काल्पनिक बच्चों वाला एक अभ्यास गृह अलग फ़ोल्डर में बनाया जाता है। वहाँ आप जो भी "
    "करें, असली अभिलेखों पर कोई असर नहीं पड़ता। असली काम के लिए तैयार होने पर CLMS फिर से "
    "शुरू करें और 'तैयार करें' चुनें।",
    "As written on the registration certificate. * is needed.": "जैसा पंजीकरण प्रमाणपत्र पर लिखा है। * ज़रूरी है।",
    "District *": "ज़िला *",
    "District LGD code *": "ज़िले का LGD कोड *",
    "Institution number in the district": "ज़िले में संस्था की संख्या",
    "Name of the institution *": "संस्था का नाम *",
    "Password *": "पासवर्ड *",
    "Password again *": "पासवर्ड फिर से *",
    "Places for boys": "लड़कों के लिए स्थान",
    "Places for girls": "लड़कियों के लिए स्थान",
    "Practice folder: {0}": "अभ्यास फ़ोल्डर: {0}",
    "Practice with made-up children": "काल्पनिक बच्चों के साथ अभ्यास",
    "Practise first with made-up children (kept in a separate practice folder)": "पहले काल्पनिक बच्चों के साथ अभ्यास करें (अलग अभ्यास फ़ोल्डर में रखे जाते हैं)",
    "Registration number *": "पंजीकरण संख्या *",
    "Set up this computer for my institution": "इस कंप्यूटर को मेरी संस्था के लिए तैयार करें",
    "Setting up CLMS Desktop": "CLMS डेस्कटॉप तैयार करना",
    "State *": "राज्य *",
    "The number of your institution within the district": "ज़िले के भीतर आपकी संस्था की संख्या",
    "The superintendent logs in with this name and password, and can then add the "
    "caseworkers. Keep the password secret; at least 8 letters and numbers.": "अधीक्षक इसी नाम और पासवर्ड से लॉग इन करते हैं, और फिर केसवर्कर जोड़ सकते हैं। पासवर्ड "
    "गुप्त रखें; कम से कम 8 अक्षर और अंक।",
    "This computer has no case records yet. What do you want to do?": "इस कंप्यूटर पर अभी कोई मामला अभिलेख नहीं है। आप क्या करना चाहते हैं?",
    "Type of institution *": "संस्था का प्रकार *",
    "User name for logging in *": "लॉग इन के लिए उपयोगकर्ता नाम *",
    "Welcome to CLMS Desktop": "CLMS डेस्कटॉप में आपका स्वागत है",
    "Your account": "आपका खाता",
    "Your full name *": "आपका पूरा नाम *",
    "Your institution": "आपकी संस्था",
    "Someone else may log in here with their own user name.": "कोई और यहाँ अपने उपयोगकर्ता नाम से लॉग इन कर सकता है।",
    "Someone else…": "कोई और…",
    "Last sync: {0}": "अंतिम सिंक: {0}",
    "The selected CCI (read only):": "चुनी गई संस्था (केवल देखने के लिए):",
    # printing
    "A4, several pages: the whole case of each child (identity, category, guardians and "
    "visits, documents, CWC orders, open flags, notes).": "A4, कई पृष्ठ: हर बच्चे का पूरा मामला (पहचान, श्रेणी, अभिभावक और मुलाक़ातें, दस्तावेज़, "
    "सीडब्ल्यूसी आदेश, खुले फ़्लैग, टिप्पणियाँ)।",
    "A4: each entitlement (school, health, Aadhaar, bank, sponsorship) with department, "
    "scheme, status, date and reference number.": "A4: हर पात्रता (स्कूल, स्वास्थ्य, आधार, बैंक, प्रायोजन) विभाग, योजना, स्थिति, तिथि और "
    "संदर्भ संख्या के साथ।",
    "For one child: a cover letter to the Child Welfare Committee, the facts behind the "
    "adoption-evaluation recommendation, and the documents checklist.": "एक बच्चे के लिए: बाल कल्याण समिति को आवरण पत्र, दत्तक ग्रहण मूल्यांकन की अनुशंसा के "
    "पीछे के तथ्य, और दस्तावेज़ों की सूची।",
    "Identity-card size, front and back, with photo and a QR code of the child code. Several "
    "children print on A4 sheets of 8 with crop marks.": "पहचान पत्र के आकार में, आगे और पीछे, फ़ोटो और बाल कोड के QR कोड के साथ। कई बच्चे "
    "कटाई के निशानों वाली A4 शीट पर 8-8 करके छपते हैं।",
    # child profile
    "← Back to the list": "← सूची पर वापस",
    "Look at the scan": "स्कैन देखें",
    "No scan is attached to this document.": "इस दस्तावेज़ के साथ कोई स्कैन नहीं जुड़ा है।",
    "First name *": "पहला नाम *",
    "Last name": "उपनाम",
    "Gender *": "लिंग *",
    "Or: age in years (estimate)": "या: आयु वर्षों में (अनुमान)",
    "Identification marks": "पहचान चिह्न",
    "Aadhaar number": "आधार संख्या",
    "Disability, if any": "दिव्यांगता, यदि कोई हो",
    "Languages spoken": "बोली जाने वाली भाषाएँ",
    "Admission date *": "प्रवेश तिथि *",
    "Brought by": "कौन लाया",
    "Admission order number": "प्रवेश आदेश संख्या",
    "Produced before the CWC on": "सीडब्ल्यूसी के समक्ष प्रस्तुत करने की तिथि",
    "Medical examination on": "चिकित्सा परीक्षण की तिथि",
    "Category": "श्रेणी",
    "Parent or guardian's name": "माता-पिता या अभिभावक का नाम",
    "Relation to the child": "बच्चे से संबंध",
    "Guardian's phone": "अभिभावक का फ़ोन",
    "Print case summaries…": "मामले का सारांश प्रिंट करें…",
    "Print the selected children's case summaries": "चुने गए बच्चों के मामले का सारांश प्रिंट करें",
    "Print ID cards…": "पहचान पत्र प्रिंट करें…",
    "Print ID cards for the selected children": "चुने गए बच्चों के पहचान पत्र प्रिंट करें",
    "Overview": "एक नज़र में",
    "Guardians and visits": "अभिभावक और मुलाक़ातें",
    "Category and documents": "श्रेणी और दस्तावेज़",
    "Orders and history": "आदेश और इतिहास",
    "Exit and transfer": "देखरेख छोड़ना और स्थानांतरण",
    "Open flags ({0})": "खुले फ़्लैग ({0})",
    "Open flags ({n})": "खुले फ़्लैग ({n})",
    "Photo missing": "फ़ोटो नहीं है",
    "Change photo…": "फ़ोटो बदलें…",
    "Summary": "सारांश",
    "Details": "विवरण",
    "Parents and guardians": "माता-पिता और अभिभावक",
    "Add a parent or guardian": "माता-पिता या अभिभावक जोड़ें",
    "Add a parent or guardian…": "माता-पिता या अभिभावक जोड़ें…",
    "Name *": "नाम *",
    "Name in Hindi / local script": "हिन्दी / स्थानीय लिपि में नाम",
    "Relation *": "संबंध *",
    "Relation": "संबंध",
    "Address": "पता",
    "Phone": "फ़ोन",
    "Alive?": "जीवित?",
    "Log a visit or call": "मुलाक़ात या फ़ोन कॉल दर्ज करें",
    "Log this visit": "यह मुलाक़ात दर्ज करें",
    "Who:": "कौन:",
    "How:": "कैसे:",
    "On:": "कब:",
    "On": "तिथि",
    "How": "कैसे",
    "What": "क्या",
    "Who visited?": "कौन मिलने आया?",
    "Visitor's name": "मिलने आने वाले का नाम",
    "Visits": "मुलाक़ातें",
    "Visits in the last 12 months": "पिछले 12 महीनों में मुलाक़ातें",
    "Date": "तिथि",
    "Date *": "तिथि *",
    "Category:": "श्रेणी:",
    "Change category…": "श्रेणी बदलें…",
    "Change the category": "श्रेणी बदलें",
    "New category *": "नई श्रेणी *",
    "not decided": "तय नहीं",
    "Reason *": "कारण *",
    "Reason": "कारण",
    "Reason / details *": "कारण / विवरण *",
    "Documents checklist (select a line, then a button)": "दस्तावेज़ों की सूची (एक पंक्ति चुनें, फिर एक बटन)",
    "Document": "दस्तावेज़",
    "Due on": "नियत तिथि",
    "Obtained": "प्राप्त",
    "Verified": "सत्यापित",
    "Mark obtained": "प्राप्त के रूप में चिह्नित करें",
    "Mark verified": "सत्यापित के रूप में चिह्नित करें",
    "Not applicable…": "लागू नहीं…",
    "Document not applicable": "दस्तावेज़ लागू नहीं",
    "Why it does not apply *": "यह क्यों लागू नहीं होता *",
    "Attach a scan…": "स्कैन जोड़ें…",
    "Choose the scanned document": "स्कैन किया गया दस्तावेज़ चुनें",
    "Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)": "स्कैन (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)",
    "Scan": "स्कैन",
    "attached": "जुड़ा हुआ",
    "First click a document in the list.": "पहले सूची में एक दस्तावेज़ पर क्लिक करें।",
    "Add a CWC order": "सीडब्ल्यूसी आदेश जोड़ें",
    "Add a CWC order…": "सीडब्ल्यूसी आदेश जोड़ें…",
    "Kind of order *": "आदेश का प्रकार *",
    "Order date *": "आदेश की तिथि *",
    "Order number *": "आदेश संख्या *",
    "CWC order number": "सीडब्ल्यूसी आदेश संख्या",
    "What the order says": "आदेश में क्या कहा गया है",
    "Next review on": "अगली समीक्षा की तिथि",
    "Add a social investigation report": "सामाजिक जाँच रिपोर्ट जोड़ें",
    "Add a social investigation report…": "सामाजिक जाँच रिपोर्ट जोड़ें…",
    "Asked for on": "माँगी गई तिथि",
    "Submitted on": "जमा करने की तिथि",
    "Officer": "अधिकारी",
    "Add an individual care plan": "व्यक्तिगत देखभाल योजना जोड़ें",
    "Add a care plan (ICP)…": "देखभाल योजना (ICP) जोड़ें…",
    "Prepared on *": "तैयार करने की तिथि *",
    "Review due on": "समीक्षा की नियत तिथि",
    "Add a note": "टिप्पणी जोड़ें",
    "Add a note…": "टिप्पणी जोड़ें…",
    "Note *": "टिप्पणी *",
    "Note": "टिप्पणी",
    "Everything on the case, newest first": "मामले की हर बात, सबसे नई पहले",
    "Current stage: {0}": "वर्तमान चरण: {0}",
    "This child is not in the adoption process.": "यह बच्चा दत्तक ग्रहण प्रक्रिया में नहीं है।",
    "Stage": "चरण",
    "Since": "कब से",
    "Next step": "अगला कदम",
    "Move to stage": "इस चरण में ले जाएँ",
    "Move to this stage": "इस चरण में ले जाएँ",
    "Note (needed to withdraw)": "टिप्पणी (प्रक्रिया से हटाने के लिए ज़रूरी)",
    "The child is in care here.": "बच्चा यहाँ देखरेख में है।",
    "Leaving care": "देखरेख छोड़ना",
    "How the child left *": "बच्चे ने देखरेख कैसे छोड़ी *",
    "Record that the child left care": "दर्ज करें कि बच्चे ने देखरेख छोड़ दी",
    "Record that this child has left care? The case closes.": "दर्ज करें कि इस बच्चे ने देखरेख छोड़ दी है? मामला बंद हो जाएगा।",
    "Close the case?": "मामला बंद करें?",
    "Left care on {0}: {1}. {2}": "{0} को देखरेख छोड़ी: {1}। {2}",
    "Transfer to another institution": "दूसरी संस्था में स्थानांतरण",
    "To which institution *": "किस संस्था में *",
    "Transfer order number *": "स्थानांतरण आदेश संख्या *",
    "Record the transfer": "स्थानांतरण दर्ज करें",
    "Record the transfer? The case closes here.": "स्थानांतरण दर्ज करें? यहाँ मामला बंद हो जाएगा।",
}

HI.update(HI_PROFILE_AND_WIZARD)

# Qt's own buttons and text-box menu (desktop/views/qt_words.py lists them for lupdate).
HI.update(
    {
        "OK": "ठीक है",
        "Save All": "सब सहेजें",
        "Open": "खोलें",
        "&Yes": "हाँ (&Y)",
        "Yes to &All": "सबके लिए हाँ (&A)",
        "&No": "नहीं (&N)",
        "N&o to All": "सबके लिए नहीं (&O)",
        "Abort": "रोकें",
        "Retry": "फिर कोशिश करें",
        "Ignore": "अनदेखा करें",
        "Discard": "छोड़ दें",
        "Don't Save": "न सहेजें",
        "Close without Saving": "बिना सहेजे बंद करें",
        "Help": "सहायता",
        "Apply": "लागू करें",
        "Reset": "पहले जैसा करें",
        "Restore Defaults": "मूल सेटिंग वापस लाएँ",
        "&Undo": "पूर्ववत करें (&U)",
        "&Redo": "फिर से करें (&R)",
        "Cu&t": "काटें (&T)",
        "&Copy": "कॉपी करें (&C)",
        "&Paste": "चिपकाएँ (&P)",
        "Delete": "मिटाएँ",
        "Select All": "सब चुनें",
    }
)

# Where one English word needs different Hindi in different places: (context, source).
HI_IN_CONTEXT: dict[tuple[str, str], str] = {
    ("Vocab", "Open"): "खुला",
    ("QPlatformTheme", "Open"): "खोलें",
    ("QPlatformTheme", "Close"): "बंद करें",
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
