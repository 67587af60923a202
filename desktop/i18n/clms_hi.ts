<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi_IN">
  <context>
    <name>AccountPage</name>
    <message>
      <source>Your account</source>
      <translation>आपका खाता</translation>
    </message>
    <message>
      <source>The superintendent logs in with this name and password, and can then add the caseworkers. Keep the password secret; at least 8 letters and numbers.</source>
      <translation>अधीक्षक इसी नाम और पासवर्ड से लॉग इन करते हैं, और फिर केसवर्कर जोड़ सकते हैं। पासवर्ड गुप्त रखें; कम से कम 8 अक्षर और अंक।</translation>
    </message>
    <message>
      <source>Your full name *</source>
      <translation>आपका पूरा नाम *</translation>
    </message>
    <message>
      <source>User name for logging in *</source>
      <translation>लॉग इन के लिए उपयोगकर्ता नाम *</translation>
    </message>
    <message>
      <source>Password *</source>
      <translation>पासवर्ड *</translation>
    </message>
    <message>
      <source>Password again *</source>
      <translation>पासवर्ड फिर से *</translation>
    </message>
  </context>
  <context>
    <name>AddUserDialog</name>
    <message>
      <source>Add a user</source>
      <translation>उपयोगकर्ता जोड़ें</translation>
    </message>
    <message>
      <source>LGD codes, e.g. 212, 213</source>
      <translation>LGD कोड, जैसे 212, 213</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>उपयोगकर्ता नाम</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>पूरा नाम</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>भूमिका</translation>
    </message>
    <message>
      <source>Districts</source>
      <translation>ज़िले</translation>
    </message>
    <message>
      <source>The two passwords are not the same.</source>
      <translation>दोनों पासवर्ड एक जैसे नहीं हैं।</translation>
    </message>
    <message>
      <source>Districts are LGD numbers, separated by commas.</source>
      <translation>ज़िले LGD संख्याएँ हैं, अल्पविराम से अलग।</translation>
    </message>
  </context>
  <context>
    <name>AdoptionBoardPage</name>
    <message>
      <source>Adoption</source>
      <translation>दत्तक ग्रहण</translation>
    </message>
    <message>
      <source>Reload</source>
      <translation>फिर से लोड करें</translation>
    </message>
    <message>
      <source>Time limit: {0} days</source>
      <translation>समय-सीमा: {0} दिन</translation>
    </message>
    <message>
      <source>Past the limit: {0}</source>
      <translation>सीमा से अधिक: {0}</translation>
    </message>
    <message>
      <source>Children in the adoption process or adopted in the last year: {0}.</source>
      <translation>दत्तक ग्रहण प्रक्रिया में या पिछले एक वर्ष में गोद लिए गए बच्चे: {0}।</translation>
    </message>
    <message>
      <source>Past their stage's time limit (shown in red): {0}.</source>
      <translation>अपने चरण की समय-सीमा पार कर चुके (लाल रंग में): {0}।</translation>
    </message>
    <message>
      <source>Double-click a child to open the record.</source>
      <translation>अभिलेख खोलने के लिए बच्चे पर दो बार क्लिक करें।</translation>
    </message>
  </context>
  <context>
    <name>AdoptionTab</name>
    <message>
      <source>Move to stage</source>
      <translation>इस चरण में ले जाएँ</translation>
    </message>
    <message>
      <source>On</source>
      <translation>तिथि</translation>
    </message>
    <message>
      <source>Note (needed to withdraw)</source>
      <translation>टिप्पणी (प्रक्रिया से हटाने के लिए ज़रूरी)</translation>
    </message>
    <message>
      <source>Move to this stage</source>
      <translation>इस चरण में ले जाएँ</translation>
    </message>
    <message>
      <source>Correct the selected stage…</source>
      <translation>चुना गया चरण सुधारें…</translation>
    </message>
    <message>
      <source>Next step</source>
      <translation>अगला कदम</translation>
    </message>
    <message>
      <source>First click a stage in the list.</source>
      <translation>पहले सूची में किसी चरण पर क्लिक करें।</translation>
    </message>
    <message>
      <source>Ask the superintendent to approve this step</source>
      <translation>इस चरण की स्वीकृति के लिए अधीक्षक से अनुरोध करें</translation>
    </message>
    <message>
      <source>Stage</source>
      <translation>चरण</translation>
    </message>
    <message>
      <source>Since</source>
      <translation>कब से</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>टिप्पणी</translation>
    </message>
    <message>
      <source>Current stage: {0}</source>
      <translation>वर्तमान चरण: {0}</translation>
    </message>
    <message>
      <source>This child is not in the adoption process.</source>
      <translation>यह बच्चा दत्तक ग्रहण प्रक्रिया में नहीं है।</translation>
    </message>
  </context>
  <context>
    <name>Approvals</name>
    <message>
      <source>none</source>
      <translation>कोई नहीं</translation>
    </message>
    <message>
      <source>Category change</source>
      <translation>श्रेणी परिवर्तन</translation>
    </message>
    <message>
      <source>Adoption step</source>
      <translation>दत्तक ग्रहण चरण</translation>
    </message>
    <message>
      <source>Leaving care</source>
      <translation>देखरेख छोड़ना</translation>
    </message>
    <message>
      <source>Transfer</source>
      <translation>स्थानांतरण</translation>
    </message>
    <message>
      <source>From {0} to {1}, from {2}. Reason: {3}</source>
      <translation>{0} से {1}, {2} से। कारण: {3}</translation>
    </message>
    <message>
      <source>(CWC order {0})</source>
      <translation>(सीडब्ल्यूसी आदेश {0})</translation>
    </message>
    <message>
      <source>Move to '{0}' on {1}.</source>
      <translation>{1} को '{0}' पर ले जाएँ।</translation>
    </message>
    <message>
      <source>{0} on {1}. Reason: {2}</source>
      <translation>{0}, {1} को। कारण: {2}</translation>
    </message>
    <message>
      <source>To {0} on {1} (order {2}).</source>
      <translation>{1} को {0} में (आदेश {2})।</translation>
    </message>
    <message>
      <source>Waiting for the superintendent (asked by {0} on {1})</source>
      <translation>अधीक्षक के निर्णय की प्रतीक्षा ({0} ने {1} को अनुरोध किया)</translation>
    </message>
    <message>
      <source>Approved by {0} on {1}</source>
      <translation>{0} ने {1} को स्वीकृत किया</translation>
    </message>
    <message>
      <source>Returned by {0} on {1}: {2}</source>
      <translation>{0} ने {1} को लौटाया: {2}</translation>
    </message>
    <message>
      <source>Taken back by {0} on {1}</source>
      <translation>{0} ने {1} को वापस लिया</translation>
    </message>
  </context>
  <context>
    <name>ApprovalsPage</name>
    <message>
      <source>Pending approvals</source>
      <translation>स्वीकृति हेतु लंबित</translation>
    </message>
    <message>
      <source>Caseworkers ask for these changes; the case changes only when you approve. Return a request with the reason if it is not right yet. Enter opens the child's profile.</source>
      <translation>केसवर्कर ये बदलाव माँगते हैं; आपकी स्वीकृति पर ही मामला बदलता है। अनुरोध अभी ठीक न हो तो कारण के साथ लौटाएँ। Enter दबाने पर बच्चे की प्रोफ़ाइल खुलती है।</translation>
    </message>
    <message>
      <source>Asked on</source>
      <translation>अनुरोध की तिथि</translation>
    </message>
    <message>
      <source>Child</source>
      <translation>बच्चा</translation>
    </message>
    <message>
      <source>What</source>
      <translation>क्या</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>विवरण</translation>
    </message>
    <message>
      <source>Asked by</source>
      <translation>अनुरोधकर्ता</translation>
    </message>
    <message>
      <source>Nothing is waiting for approval.</source>
      <translation>स्वीकृति के लिए कुछ भी लंबित नहीं है।</translation>
    </message>
    <message>
      <source>&amp;Approve</source>
      <translation>स्वीकृत करें (&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Return with a reason…</source>
      <translation>कारण सहित लौटाएँ (&amp;R)…</translation>
    </message>
    <message>
      <source>&amp;Open the child's profile</source>
      <translation>बच्चे की प्रोफ़ाइल खोलें (&amp;O)</translation>
    </message>
    <message>
      <source>Approve for {0}?</source>
      <translation>{0} के लिए स्वीकृत करें?</translation>
    </message>
    <message>
      <source>Approve</source>
      <translation>स्वीकृत करें</translation>
    </message>
    <message>
      <source>Approved: {0} for {1}.</source>
      <translation>स्वीकृत: {1} के लिए {0}।</translation>
    </message>
    <message>
      <source>Return the request</source>
      <translation>अनुरोध लौटाएँ</translation>
    </message>
    <message>
      <source>Why is it returned? The caseworker sees this reason on the child's profile.</source>
      <translation>इसे क्यों लौटाया जा रहा है? केसवर्कर यह कारण बच्चे की प्रोफ़ाइल पर देखेंगे।</translation>
    </message>
    <message>
      <source>Returned: {0} for {1}.</source>
      <translation>लौटाया गया: {1} के लिए {0}।</translation>
    </message>
  </context>
  <context>
    <name>AuditPage</name>
    <message>
      <source>Audit trail</source>
      <translation>लेखा परीक्षण सूची</translation>
    </message>
    <message>
      <source>Every change and every opened, printed or exported record is listed here with who did it. Nobody can change this list without it being noticed.</source>
      <translation>हर बदलाव और हर खोला, प्रिंट या निर्यात किया गया अभिलेख यहाँ, किसने किया उसके साथ, दर्ज है। इस सूची को कोई बिना पकड़े गए नहीं बदल सकता।</translation>
    </message>
    <message>
      <source>Child code</source>
      <translation>बाल कोड</translation>
    </message>
    <message>
      <source>From</source>
      <translation>से</translation>
    </message>
    <message>
      <source>To</source>
      <translation>तक</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>दिखाएँ</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>किसने</translation>
    </message>
    <message>
      <source>Child</source>
      <translation>बच्चा</translation>
    </message>
    <message>
      <source>Check that nothing was tampered with</source>
      <translation>जाँचें कि कोई छेड़छाड़ तो नहीं हुई</translation>
    </message>
    <message>
      <source>Everyone</source>
      <translation>सभी</translation>
    </message>
    <message>
      <source>The program itself (system)</source>
      <translation>प्रोग्राम स्वयं (सिस्टम)</translation>
    </message>
    <message>
      <source> (the newest {0}; narrow the filters to see older ones)</source>
      <translation> (सबसे नए {0}; पुराने देखने के लिए फ़िल्टर सीमित करें)</translation>
    </message>
    <message>
      <source>{0} events</source>
      <translation>{0} घटनाएँ</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>जाँच हो रही है…</translation>
    </message>
    <message>
      <source>All {0} events are intact.</source>
      <translation>सभी {0} घटनाएँ सुरक्षित हैं, कोई छेड़छाड़ नहीं।</translation>
    </message>
    <message>
      <source>Tampering found: {0}. Tell the district office.</source>
      <translation>छेड़छाड़ मिली: {0}। ज़िला कार्यालय को बताएँ।</translation>
    </message>
  </context>
  <context>
    <name>BackgroundOp</name>
    <message>
      <source>Cancel</source>
      <translation>रद्द करें</translation>
    </message>
    <message>
      <source>CLMS Desktop</source>
      <translation>CLMS डेस्कटॉप</translation>
    </message>
    <message>
      <source>It did not work:</source>
      <translation>यह नहीं हो पाया:</translation>
    </message>
  </context>
  <context>
    <name>BackupBox</name>
    <message>
      <source>Backups</source>
      <translation>बैकअप</translation>
    </message>
    <message>
      <source>Backup folder (a USB drive is best):</source>
      <translation>बैकअप फ़ोल्डर (यूएसबी ड्राइव सबसे अच्छी है):</translation>
    </message>
    <message>
      <source>Choose the folder…</source>
      <translation>फ़ोल्डर चुनें…</translation>
    </message>
    <message>
      <source>Copies to keep:</source>
      <translation>रखी जाने वाली प्रतियाँ:</translation>
    </message>
    <message>
      <source>copies</source>
      <translation>प्रतियाँ</translation>
    </message>
    <message>
      <source>Back up now</source>
      <translation>अभी बैकअप लें</translation>
    </message>
    <message>
      <source>Restore from backup…</source>
      <translation>बैकअप से वापस लाएँ…</translation>
    </message>
    <message>
      <source>not chosen yet</source>
      <translation>अभी चुना नहीं गया</translation>
    </message>
    <message>
      <source>No backup has been made yet.</source>
      <translation>अभी तक कोई बैकअप नहीं बना है।</translation>
    </message>
    <message>
      <source>The last backup failed on {0}: {1}</source>
      <translation>पिछला बैकअप {0} को नहीं बन सका: {1}</translation>
    </message>
    <message>
      <source>Last backup: {0}, in {1}</source>
      <translation>पिछला बैकअप: {0}, {1} में</translation>
    </message>
    <message>
      <source>Every day CLMS copies the case database and the scanned documents into this folder while you work; the oldest copies are removed when there are more than this many. Keep the USB drive plugged in, or plug it in once a day.</source>
      <translation>आपके काम करते समय CLMS हर दिन मामलों का डेटाबेस और स्कैन किए गए दस्तावेज़ इस फ़ोल्डर में कॉपी करता है; इससे अधिक प्रतियाँ होने पर सबसे पुरानी हटा दी जाती हैं। यूएसबी ड्राइव लगी रहने दें, या दिन में एक बार लगाएँ।</translation>
    </message>
    <message>
      <source>Only the superintendent can change the backups or restore one.</source>
      <translation>बैकअप की सेटिंग बदलना या बैकअप वापस लाना केवल अधीक्षक कर सकते हैं।</translation>
    </message>
    <message>
      <source>Choose the backup folder</source>
      <translation>बैकअप फ़ोल्डर चुनें</translation>
    </message>
    <message>
      <source>Backup made: {0}</source>
      <translation>बैकअप बन गया: {0}</translation>
    </message>
    <message>
      <source>Backup not made: {0}</source>
      <translation>बैकअप नहीं बना: {0}</translation>
    </message>
    <message>
      <source>Backing up</source>
      <translation>बैकअप बन रहा है</translation>
    </message>
    <message>
      <source>A backup is being made already.</source>
      <translation>एक बैकअप पहले से बन रहा है।</translation>
    </message>
  </context>
  <context>
    <name>BackupRunner</name>
    <message>
      <source>The data was restored from a backup.</source>
      <translation>डेटा बैकअप से वापस लाया गया।</translation>
    </message>
    <message>
      <source>Backup not made: {0}</source>
      <translation>बैकअप नहीं बना: {0}</translation>
    </message>
  </context>
  <context>
    <name>CardsModel</name>
    <message>
      <source>Days in this stage: {0}</source>
      <translation>इस चरण में दिन: {0}</translation>
    </message>
    <message>
      <source>Days past the limit: {0}</source>
      <translation>सीमा से अधिक दिन: {0}</translation>
    </message>
    <message>
      <source>In this stage since {0}.</source>
      <translation>{0} से इस चरण में।</translation>
    </message>
    <message>
      <source>Time limit ends on {0}.</source>
      <translation>समय-सीमा {0} को समाप्त होती है।</translation>
    </message>
  </context>
  <context>
    <name>ChangePasswordDialog</name>
    <message>
      <source>Change password</source>
      <translation>पासवर्ड बदलें</translation>
    </message>
    <message>
      <source>Your password was reset. Choose your own new password.</source>
      <translation>आपका पासवर्ड रीसेट किया गया था। अपना नया पासवर्ड चुनें।</translation>
    </message>
    <message>
      <source>Choose a new password for {0}.</source>
      <translation>{0} के लिए नया पासवर्ड चुनें।</translation>
    </message>
    <message>
      <source>At least 8 characters, letters mixed with numbers or signs, not your name.</source>
      <translation>कम से कम 8 अक्षर, अक्षरों के साथ अंक या चिह्न मिलाकर, आपका नाम नहीं।</translation>
    </message>
    <message>
      <source>Current password</source>
      <translation>वर्तमान पासवर्ड</translation>
    </message>
    <message>
      <source>New password</source>
      <translation>नया पासवर्ड</translation>
    </message>
    <message>
      <source>New password again</source>
      <translation>नया पासवर्ड फिर से</translation>
    </message>
    <message>
      <source>The two new passwords are not the same.</source>
      <translation>दोनों नए पासवर्ड एक जैसे नहीं हैं।</translation>
    </message>
  </context>
  <context>
    <name>ChildEditDialog</name>
    <message>
      <source>Correct the child's details</source>
      <translation>बच्चे का विवरण सुधारें</translation>
    </message>
    <message>
      <source>First name *</source>
      <translation>पहला नाम *</translation>
    </message>
    <message>
      <source>Last name</source>
      <translation>उपनाम</translation>
    </message>
    <message>
      <source>Name in Hindi / local script</source>
      <translation>हिन्दी / स्थानीय लिपि में नाम</translation>
    </message>
    <message>
      <source>Gender *</source>
      <translation>लिंग *</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>जन्म तिथि</translation>
    </message>
    <message>
      <source>Or: age in years (estimate)</source>
      <translation>या: आयु वर्षों में (अनुमान)</translation>
    </message>
    <message>
      <source>New Aadhaar number</source>
      <translation>नया आधार नंबर</translation>
    </message>
    <message>
      <source>if the date is not known</source>
      <translation>यदि तिथि ज्ञात न हो</translation>
    </message>
    <message>
      <source>only to change it</source>
      <translation>केवल बदलने के लिए</translation>
    </message>
    <message>
      <source>Aadhaar on record</source>
      <translation>अभिलेख में आधार</translation>
    </message>
    <message>
      <source>Keep {0}</source>
      <translation>{0} रहने दें</translation>
    </message>
    <message>
      <source>Remove it (recorded by mistake)</source>
      <translation>हटाएँ (गलती से दर्ज हुआ)</translation>
    </message>
    <message>
      <source>Admission date *</source>
      <translation>प्रवेश तिथि *</translation>
    </message>
    <message>
      <source>Brought by</source>
      <translation>कौन लाया</translation>
    </message>
    <message>
      <source>Admission order number</source>
      <translation>प्रवेश आदेश संख्या</translation>
    </message>
    <message>
      <source>Produced before the CWC on</source>
      <translation>सीडब्ल्यूसी के समक्ष प्रस्तुत करने की तिथि</translation>
    </message>
    <message>
      <source>Medical examination on</source>
      <translation>चिकित्सा परीक्षण की तिथि</translation>
    </message>
    <message>
      <source>Identification marks</source>
      <translation>पहचान चिह्न</translation>
    </message>
    <message>
      <source>Disability</source>
      <translation>दिव्यांगता</translation>
    </message>
    <message>
      <source>Languages</source>
      <translation>भाषाएँ</translation>
    </message>
    <message>
      <source>Reason for the correction</source>
      <translation>सुधार का कारण</translation>
    </message>
    <message>
      <source>Needed when the name, date of birth, Aadhaar or gender changes. For example: name as on the birth certificate</source>
      <translation>नाम, जन्म तिथि, आधार या लिंग बदलने पर आवश्यक। उदाहरण: जन्म प्रमाण पत्र के अनुसार नाम</translation>
    </message>
    <message>
      <source>Who the child is</source>
      <translation>बच्चे की पहचान</translation>
    </message>
    <message>
      <source>Admission</source>
      <translation>प्रवेश</translation>
    </message>
    <message>
      <source>The date of birth on record is an estimate.</source>
      <translation>अभिलेख में दर्ज जन्म तिथि अनुमानित है।</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>सहेजें</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>रद्द करें</translation>
    </message>
  </context>
  <context>
    <name>ChildrenPage</name>
    <message>
      <source>Search by name (English or Hindi), child code or guardian's name…</source>
      <translation>नाम (अंग्रेज़ी या हिन्दी), बाल कोड या अभिभावक के नाम से खोजें…</translation>
    </message>
    <message>
      <source>Register a new child</source>
      <translation>नए बच्चे का पंजीकरण करें</translation>
    </message>
    <message>
      <source>Open profile</source>
      <translation>प्रोफ़ाइल खोलें</translation>
    </message>
    <message>
      <source>Print case summaries…</source>
      <translation>मामले का सारांश प्रिंट करें…</translation>
    </message>
    <message>
      <source>Print the selected children's case summaries</source>
      <translation>चुने गए बच्चों के मामले का सारांश प्रिंट करें</translation>
    </message>
    <message>
      <source>Print ID cards…</source>
      <translation>पहचान पत्र प्रिंट करें…</translation>
    </message>
    <message>
      <source>Print ID cards for the selected children</source>
      <translation>चुने गए बच्चों के पहचान पत्र प्रिंट करें</translation>
    </message>
    <message>
      <source>Any status</source>
      <translation>कोई भी स्थिति</translation>
    </message>
    <message>
      <source>Any category</source>
      <translation>कोई भी श्रेणी</translation>
    </message>
    <message>
      <source>Any gender</source>
      <translation>कोई भी लिंग</translation>
    </message>
    <message>
      <source>With or without flags</source>
      <translation>फ़्लैग वाले या बिना फ़्लैग के</translation>
    </message>
    <message>
      <source>Only with open flags</source>
      <translation>केवल खुले फ़्लैग वाले</translation>
    </message>
    <message>
      <source>Only without open flags</source>
      <translation>केवल बिना खुले फ़्लैग वाले</translation>
    </message>
    <message>
      <source>Clear filters</source>
      <translation>फ़िल्टर हटाएँ</translation>
    </message>
    <message>
      <source>Counting…</source>
      <translation>गिनती हो रही है…</translation>
    </message>
    <message>
      <source>child</source>
      <translation>बच्चा</translation>
    </message>
    <message>
      <source>children</source>
      <translation>बच्चे</translation>
    </message>
    <message>
      <source>Showing {0} of {1} {2}</source>
      <translation>{1} {2} में से {0} दिखाए जा रहे हैं</translation>
    </message>
    <message>
      <source>Print</source>
      <translation>प्रिंट</translation>
    </message>
    <message>
      <source>First select one or more children in the list.</source>
      <translation>पहले सूची में एक या अधिक बच्चे चुनें।</translation>
    </message>
    <message>
      <source>Printing is not available in this version.</source>
      <translation>इस संस्करण में प्रिंट उपलब्ध नहीं है।</translation>
    </message>
  </context>
  <context>
    <name>ChoicePage</name>
    <message>
      <source>Welcome to CLMS Desktop</source>
      <translation>CLMS डेस्कटॉप में आपका स्वागत है</translation>
    </message>
    <message>
      <source>This computer has no case records yet. What do you want to do?</source>
      <translation>इस कंप्यूटर पर अभी कोई मामला अभिलेख नहीं है। आप क्या करना चाहते हैं?</translation>
    </message>
    <message>
      <source>Set up this computer for my institution</source>
      <translation>इस कंप्यूटर को मेरी संस्था के लिए तैयार करें</translation>
    </message>
    <message>
      <source>Practise first with made-up children (kept in a separate practice folder)</source>
      <translation>पहले काल्पनिक बच्चों के साथ अभ्यास करें (अलग अभ्यास फ़ोल्डर में रखे जाते हैं)</translation>
    </message>
  </context>
  <context>
    <name>DashboardPage</name>
    <message>
      <source>Dashboard</source>
      <translation>डैशबोर्ड</translation>
    </message>
    <message>
      <source>Reload</source>
      <translation>फिर से लोड करें</translation>
    </message>
    <message>
      <source>Counting…</source>
      <translation>गिनती हो रही है…</translation>
    </message>
    <message>
      <source>As of {0}</source>
      <translation>{0} की स्थिति</translation>
    </message>
    <message>
      <source>Children in care</source>
      <translation>देखरेख में बच्चे</translation>
    </message>
    <message>
      <source>Children on record (all, including those who left)</source>
      <translation>अभिलेख में सभी बच्चे (जा चुके बच्चों सहित)</translation>
    </message>
    <message>
      <source>Open flags</source>
      <translation>खुले फ़्लैग</translation>
    </message>
    <message>
      <source>Flags past their due date</source>
      <translation>नियत तिथि पार कर चुके फ़्लैग</translation>
    </message>
    <message>
      <source>Flags sent up to the district or state</source>
      <translation>ज़िला या राज्य स्तर तक भेजे गए फ़्लैग</translation>
    </message>
    <message>
      <source>All children by status</source>
      <translation>स्थिति के अनुसार सभी बच्चे</translation>
    </message>
    <message>
      <source>Children</source>
      <translation>बच्चे</translation>
    </message>
    <message>
      <source>Children in care by gender</source>
      <translation>लिंग के अनुसार देखरेख में बच्चे</translation>
    </message>
    <message>
      <source>Children in care by age (years)</source>
      <translation>आयु (वर्ष) के अनुसार देखरेख में बच्चे</translation>
    </message>
    <message>
      <source>Children in care by length of stay</source>
      <translation>रहने की अवधि के अनुसार देखरेख में बच्चे</translation>
    </message>
    <message>
      <source>Children in care by category</source>
      <translation>श्रेणी के अनुसार देखरेख में बच्चे</translation>
    </message>
    <message>
      <source>Open flags by rule, and how many are past their due date</source>
      <translation>नियम के अनुसार खुले फ़्लैग, और कितने नियत तिथि पार कर चुके हैं</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>खुले</translation>
    </message>
    <message>
      <source>Past due</source>
      <translation>नियत तिथि पार</translation>
    </message>
  </context>
  <context>
    <name>DistrictPage</name>
    <message>
      <source>District view</source>
      <translation>ज़िला दृश्य</translation>
    </message>
    <message>
      <source>Import from USB…</source>
      <translation>यूएसबी से आयात करें…</translation>
    </message>
    <message>
      <source>Forward to the state office</source>
      <translation>राज्य कार्यालय को आगे भेजें</translation>
    </message>
    <message>
      <source>State office address:</source>
      <translation>राज्य कार्यालय का पता:</translation>
    </message>
    <message>
      <source>CCI</source>
      <translation>संस्था</translation>
    </message>
    <message>
      <source>Children</source>
      <translation>बच्चे</translation>
    </message>
    <message>
      <source>In care</source>
      <translation>देखरेख में</translation>
    </message>
    <message>
      <source>Open flags</source>
      <translation>खुले फ़्लैग</translation>
    </message>
    <message>
      <source>Bundles</source>
      <translation>बंडल</translation>
    </message>
    <message>
      <source>Last received</source>
      <translation>अंतिम प्राप्ति</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>कोड</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>नाम</translation>
    </message>
    <message>
      <source>Gender</source>
      <translation>लिंग</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>जन्म तिथि</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>स्थिति</translation>
    </message>
    <message>
      <source>Due on</source>
      <translation>नियत तिथि</translation>
    </message>
    <message>
      <source>Child</source>
      <translation>बच्चा</translation>
    </message>
    <message>
      <source>Severity</source>
      <translation>गंभीरता</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>स्तर</translation>
    </message>
    <message>
      <source>What needs doing</source>
      <translation>क्या करना है</translation>
    </message>
    <message>
      <source>The selected CCI (read only):</source>
      <translation>चुनी गई संस्था (केवल देखने के लिए):</translation>
    </message>
    <message>
      <source>District {code}: bundles from its CCIs, checked and merged.</source>
      <translation>ज़िला {code}: इसकी संस्थाओं से आए बंडल, जाँचे और मिलाए गए।</translation>
    </message>
    <message>
      <source>This computer is not set up as a district office. Ask the state office to set it up (clms sync district init).</source>
      <translation>यह कंप्यूटर ज़िला कार्यालय के रूप में तैयार नहीं है। राज्य कार्यालय से इसे तैयार करवाएँ (clms sync district init)।</translation>
    </message>
    <message>
      <source>District</source>
      <translation>ज़िला</translation>
    </message>
    <message>
      <source>State</source>
      <translation>राज्य</translation>
    </message>
    <message>
      <source>Open flags ({n})</source>
      <translation>खुले फ़्लैग ({n})</translation>
    </message>
    <message>
      <source>District key</source>
      <translation>ज़िला कुंजी</translation>
    </message>
    <message>
      <source>Passphrase of the district key:</source>
      <translation>ज़िला कुंजी का पासफ़्रेज़:</translation>
    </message>
    <message>
      <source>The key could not be opened: {why}</source>
      <translation>कुंजी नहीं खुल सकी: {why}</translation>
    </message>
    <message>
      <source>Choose the USB stick</source>
      <translation>यूएसबी स्टिक चुनें</translation>
    </message>
    <message>
      <source>New CCI</source>
      <translation>नई संस्था</translation>
    </message>
    <message>
      <source>{name} has not sent bundles to this office before.

Phone the CCI and ask them to read out their key fingerprint. Does it match this one?

{fp}</source>
      <translation>{name} ने इस कार्यालय को पहले कभी बंडल नहीं भेजे हैं।

संस्था को फ़ोन करें और उनसे उनकी कुंजी का फ़िंगरप्रिंट पढ़वाएँ। क्या वह इससे मिलता है?

{fp}</translation>
    </message>
    <message>
      <source>{n} bundle(s) taken in, {r} receipt(s) written to the stick.</source>
      <translation>{n} बंडल लिए गए, {r} रसीदें स्टिक पर लिखी गईं।</translation>
    </message>
    <message>
      <source>Not taken in: {file}: {why}</source>
      <translation>नहीं लिया गया: {file}: {why}</translation>
    </message>
    <message>
      <source>Checking and taking in the bundles…</source>
      <translation>बंडल जाँचे और लिए जा रहे हैं…</translation>
    </message>
    <message>
      <source>It did not work: {why}</source>
      <translation>यह नहीं हो पाया: {why}</translation>
    </message>
    <message>
      <source>Type the state office's address first.</source>
      <translation>पहले राज्य कार्यालय का पता लिखें।</translation>
    </message>
    <message>
      <source>{n} bundle(s) forwarded to the state office.</source>
      <translation>{n} बंडल राज्य कार्यालय को आगे भेजे गए।</translation>
    </message>
    <message>
      <source>Stopped: {why}</source>
      <translation>रुक गया: {why}</translation>
    </message>
  </context>
  <context>
    <name>DocumentsTab</name>
    <message>
      <source>Change category…</source>
      <translation>श्रेणी बदलें…</translation>
    </message>
    <message>
      <source>Mark obtained</source>
      <translation>प्राप्त के रूप में चिह्नित करें</translation>
    </message>
    <message>
      <source>Mark verified</source>
      <translation>सत्यापित के रूप में चिह्नित करें</translation>
    </message>
    <message>
      <source>Not applicable…</source>
      <translation>लागू नहीं…</translation>
    </message>
    <message>
      <source>Mark obtained…</source>
      <translation>प्राप्त चिह्नित करें…</translation>
    </message>
    <message>
      <source>Mark verified…</source>
      <translation>सत्यापित चिह्नित करें…</translation>
    </message>
    <message>
      <source>Correct dates…</source>
      <translation>तिथियाँ सुधारें…</translation>
    </message>
    <message>
      <source>Attach a scan…</source>
      <translation>स्कैन जोड़ें…</translation>
    </message>
    <message>
      <source>Look at the scan</source>
      <translation>स्कैन देखें</translation>
    </message>
    <message>
      <source>Category:</source>
      <translation>श्रेणी:</translation>
    </message>
    <message>
      <source>Documents checklist (select a line, then a button)</source>
      <translation>दस्तावेज़ों की सूची (एक पंक्ति चुनें, फिर एक बटन)</translation>
    </message>
    <message>
      <source>not decided</source>
      <translation>तय नहीं</translation>
    </message>
    <message>
      <source>Ask for a category change…</source>
      <translation>श्रेणी बदलने का अनुरोध करें…</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>दस्तावेज़</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>स्थिति</translation>
    </message>
    <message>
      <source>Obtained</source>
      <translation>प्राप्त</translation>
    </message>
    <message>
      <source>Verified</source>
      <translation>सत्यापित</translation>
    </message>
    <message>
      <source>Scan</source>
      <translation>स्कैन</translation>
    </message>
    <message>
      <source>attached</source>
      <translation>जुड़ा हुआ</translation>
    </message>
    <message>
      <source>First click a document in the list.</source>
      <translation>पहले सूची में एक दस्तावेज़ पर क्लिक करें।</translation>
    </message>
    <message>
      <source>Obtained on *</source>
      <translation>प्राप्ति की तिथि *</translation>
    </message>
    <message>
      <source>Verified on *</source>
      <translation>सत्यापन की तिथि *</translation>
    </message>
    <message>
      <source>Today is filled in; type the day it really happened if it was earlier.</source>
      <translation>आज की तिथि भरी है; यदि पहले हुआ था तो वास्तविक तिथि लिखें।</translation>
    </message>
    <message>
      <source>Document not applicable</source>
      <translation>दस्तावेज़ लागू नहीं</translation>
    </message>
    <message>
      <source>Why it does not apply *</source>
      <translation>यह क्यों लागू नहीं होता *</translation>
    </message>
    <message>
      <source>Choose the scanned document</source>
      <translation>स्कैन किया गया दस्तावेज़ चुनें</translation>
    </message>
    <message>
      <source>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
      <translation>स्कैन (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
      <source>No scan is attached to this document.</source>
      <translation>इस दस्तावेज़ के साथ कोई स्कैन नहीं जुड़ा है।</translation>
    </message>
    <message>
      <source>Change the category</source>
      <translation>श्रेणी बदलें</translation>
    </message>
    <message>
      <source>Ask for a category change</source>
      <translation>श्रेणी बदलने का अनुरोध</translation>
    </message>
    <message>
      <source>The superintendent decides: the category changes once it is approved.</source>
      <translation>निर्णय अधीक्षक करते हैं: स्वीकृति मिलने पर ही श्रेणी बदलती है।</translation>
    </message>
    <message>
      <source>Send for approval</source>
      <translation>स्वीकृति के लिए भेजें</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>सहेजें</translation>
    </message>
    <message>
      <source>New category *</source>
      <translation>नई श्रेणी *</translation>
    </message>
    <message>
      <source>Reason *</source>
      <translation>कारण *</translation>
    </message>
    <message>
      <source>CWC order number</source>
      <translation>सीडब्ल्यूसी आदेश संख्या</translation>
    </message>
    <message>
      <source>From</source>
      <translation>से</translation>
    </message>
  </context>
  <context>
    <name>Editing</name>
    <message>
      <source>Correct a parent or guardian</source>
      <translation>माता-पिता या अभिभावक का विवरण सुधारें</translation>
    </message>
    <message>
      <source>Name *</source>
      <translation>नाम *</translation>
    </message>
    <message>
      <source>Name in Hindi / local script</source>
      <translation>हिन्दी / स्थानीय लिपि में नाम</translation>
    </message>
    <message>
      <source>Relation *</source>
      <translation>संबंध *</translation>
    </message>
    <message>
      <source>Alive?</source>
      <translation>जीवित?</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>फ़ोन</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>पता</translation>
    </message>
    <message>
      <source>Someone else (type the name below)</source>
      <translation>कोई और (नीचे नाम लिखें)</translation>
    </message>
    <message>
      <source>Correct a visit</source>
      <translation>मुलाक़ात सुधारें</translation>
    </message>
    <message>
      <source>Date *</source>
      <translation>तिथि *</translation>
    </message>
    <message>
      <source>Who came *</source>
      <translation>कौन आया *</translation>
    </message>
    <message>
      <source>Visitor's name (someone else)</source>
      <translation>आने वाले का नाम (कोई और)</translation>
    </message>
    <message>
      <source>How</source>
      <translation>कैसे</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>टिप्पणियाँ</translation>
    </message>
    <message>
      <source>Correct a CWC order</source>
      <translation>सीडब्ल्यूसी आदेश सुधारें</translation>
    </message>
    <message>
      <source>Order number *</source>
      <translation>आदेश संख्या *</translation>
    </message>
    <message>
      <source>Order date *</source>
      <translation>आदेश की तिथि *</translation>
    </message>
    <message>
      <source>Kind of order *</source>
      <translation>आदेश का प्रकार *</translation>
    </message>
    <message>
      <source>What the order says</source>
      <translation>आदेश में क्या कहा गया है</translation>
    </message>
    <message>
      <source>Next review on</source>
      <translation>अगली समीक्षा की तिथि</translation>
    </message>
    <message>
      <source>Correct a social investigation report</source>
      <translation>सामाजिक जाँच रिपोर्ट सुधारें</translation>
    </message>
    <message>
      <source>Asked for on</source>
      <translation>माँगी गई तिथि</translation>
    </message>
    <message>
      <source>Submitted on</source>
      <translation>जमा करने की तिथि</translation>
    </message>
    <message>
      <source>Officer</source>
      <translation>अधिकारी</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>सारांश</translation>
    </message>
    <message>
      <source>Correct an individual care plan</source>
      <translation>व्यक्तिगत देखभाल योजना सुधारें</translation>
    </message>
    <message>
      <source>Prepared on *</source>
      <translation>तैयार करने की तिथि *</translation>
    </message>
    <message>
      <source>Review due on</source>
      <translation>समीक्षा की नियत तिथि</translation>
    </message>
    <message>
      <source>Correct a note</source>
      <translation>टिप्पणी सुधारें</translation>
    </message>
    <message>
      <source>Note *</source>
      <translation>टिप्पणी *</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>तिथि</translation>
    </message>
    <message>
      <source>Correct an adoption stage</source>
      <translation>दत्तक ग्रहण चरण सुधारें</translation>
    </message>
    <message>
      <source>Only the superintendent can correct the date of an adoption stage.</source>
      <translation>दत्तक ग्रहण चरण की तिथि केवल अधीक्षक सुधार सकते हैं।</translation>
    </message>
    <message>
      <source>Reached on *</source>
      <translation>पहुँचने की तिथि *</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>टिप्पणी</translation>
    </message>
    <message>
      <source>Correct a document's dates</source>
      <translation>दस्तावेज़ की तिथियाँ सुधारें</translation>
    </message>
    <message>
      <source>Obtained on</source>
      <translation>प्राप्ति की तिथि</translation>
    </message>
    <message>
      <source>Verified on</source>
      <translation>सत्यापन की तिथि</translation>
    </message>
  </context>
  <context>
    <name>ExitTab</name>
    <message>
      <source>How the child left *</source>
      <translation>बच्चे ने देखरेख कैसे छोड़ी *</translation>
    </message>
    <message>
      <source>Date *</source>
      <translation>तिथि *</translation>
    </message>
    <message>
      <source>Reason / details *</source>
      <translation>कारण / विवरण *</translation>
    </message>
    <message>
      <source>CWC order number</source>
      <translation>सीडब्ल्यूसी आदेश संख्या</translation>
    </message>
    <message>
      <source>Record that the child left care</source>
      <translation>दर्ज करें कि बच्चे ने देखरेख छोड़ दी</translation>
    </message>
    <message>
      <source>To which institution *</source>
      <translation>किस संस्था में *</translation>
    </message>
    <message>
      <source>Transfer order number *</source>
      <translation>स्थानांतरण आदेश संख्या *</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>कारण</translation>
    </message>
    <message>
      <source>Record the transfer</source>
      <translation>स्थानांतरण दर्ज करें</translation>
    </message>
    <message>
      <source>Leaving care</source>
      <translation>देखरेख छोड़ना</translation>
    </message>
    <message>
      <source>Transfer to another institution</source>
      <translation>दूसरी संस्था में स्थानांतरण</translation>
    </message>
    <message>
      <source>Ask the superintendent to close the case</source>
      <translation>मामला बंद करने के लिए अधीक्षक से अनुरोध करें</translation>
    </message>
    <message>
      <source>Ask the superintendent to record the transfer</source>
      <translation>स्थानांतरण दर्ज करने के लिए अधीक्षक से अनुरोध करें</translation>
    </message>
    <message>
      <source>The child is in care here.</source>
      <translation>बच्चा यहाँ देखरेख में है।</translation>
    </message>
    <message>
      <source>Left care on {0}: {1}. {2}</source>
      <translation>{0} को देखरेख छोड़ी: {1}। {2}</translation>
    </message>
    <message>
      <source>Close the case?</source>
      <translation>मामला बंद करें?</translation>
    </message>
    <message>
      <source>Record that this child has left care? The case closes.</source>
      <translation>दर्ज करें कि इस बच्चे ने देखरेख छोड़ दी है? मामला बंद हो जाएगा।</translation>
    </message>
    <message>
      <source>Record the transfer? The case closes here.</source>
      <translation>स्थानांतरण दर्ज करें? यहाँ मामला बंद हो जाएगा।</translation>
    </message>
  </context>
  <context>
    <name>FileOpener</name>
    <message>
      <source>CLMS Desktop cannot open this kind of file: {0}</source>
      <translation>CLMS डेस्कटॉप इस प्रकार की फ़ाइल नहीं खोल सकता: {0}</translation>
    </message>
    <message>
      <source>Open a file</source>
      <translation>फ़ाइल खोलें</translation>
    </message>
    <message>
      <source>This receipt was not accepted: {0}</source>
      <translation>यह रसीद स्वीकार नहीं की गई: {0}</translation>
    </message>
    <message>
      <source>This receipt (bundle {0}) had been accepted before.</source>
      <translation>यह रसीद (बंडल {0}) पहले ही स्वीकार की जा चुकी थी।</translation>
    </message>
    <message>
      <source>The receipt for bundle {0} was checked and accepted: {1} record(s) are now counted as received by the {2}.</source>
      <translation>बंडल {0} की रसीद जाँचकर स्वीकार कर ली गई: {1} रिकॉर्ड अब {2} द्वारा प्राप्त माने गए हैं।</translation>
    </message>
    <message>
      <source>The file could not be read: {0}</source>
      <translation>फ़ाइल पढ़ी नहीं जा सकी: {0}</translation>
    </message>
    <message>
      <source>This is not a CLMS bundle, or it is damaged: {0}</source>
      <translation>यह CLMS बंडल नहीं है, या ख़राब हो गया है: {0}</translation>
    </message>
    <message>
      <source>This is sync bundle number {0} of {1}, made on {2}, with {3} record(s).

It is locked (encrypted) for the district office and the state office: it cannot be read on this computer. Take the USB stick to the district office, or send it from the Sync screen.</source>
      <translation>यह {1} का सिंक बंडल क्रमांक {0} है, {2} को बना, जिसमें {3} रिकॉर्ड हैं।

यह ज़िला कार्यालय और राज्य कार्यालय के लिए लॉक (एन्क्रिप्ट) है: इसे इस कंप्यूटर पर पढ़ा नहीं जा सकता। USB स्टिक ज़िला कार्यालय ले जाएँ, या इसे सिंक स्क्रीन से भेजें।</translation>
    </message>
    <message>
      <source>state office</source>
      <translation>राज्य कार्यालय</translation>
    </message>
    <message>
      <source>district office</source>
      <translation>ज़िला कार्यालय</translation>
    </message>
  </context>
  <context>
    <name>FlagsModel</name>
    <message>
      <source>Due</source>
      <translation>नियत तिथि</translation>
    </message>
    <message>
      <source>Severity</source>
      <translation>गंभीरता</translation>
    </message>
    <message>
      <source>Child</source>
      <translation>बच्चा</translation>
    </message>
    <message>
      <source>What needs doing</source>
      <translation>क्या करना है</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>स्तर</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>स्थिति</translation>
    </message>
  </context>
  <context>
    <name>FormDialog</name>
    <message>
      <source>Cancel</source>
      <translation>रद्द करें</translation>
    </message>
  </context>
  <context>
    <name>HistoryTab</name>
    <message>
      <source>Add a CWC order…</source>
      <translation>सीडब्ल्यूसी आदेश जोड़ें…</translation>
    </message>
    <message>
      <source>Add a social investigation report…</source>
      <translation>सामाजिक जाँच रिपोर्ट जोड़ें…</translation>
    </message>
    <message>
      <source>Add a care plan (ICP)…</source>
      <translation>देखभाल योजना (ICP) जोड़ें…</translation>
    </message>
    <message>
      <source>Add a note…</source>
      <translation>टिप्पणी जोड़ें…</translation>
    </message>
    <message>
      <source>Correct the selected line…</source>
      <translation>चुनी गई पंक्ति सुधारें…</translation>
    </message>
    <message>
      <source>Everything on the case, newest first</source>
      <translation>मामले की हर बात, सबसे नई पहले</translation>
    </message>
    <message>
      <source>First click a line of the list.</source>
      <translation>पहले सूची की किसी पंक्ति पर क्लिक करें।</translation>
    </message>
    <message>
      <source>This line is corrected by a new entry: a category change by a new change, an exit or transfer by the superintendent.</source>
      <translation>यह पंक्ति नई प्रविष्टि से सुधारी जाती है: श्रेणी परिवर्तन नए परिवर्तन से, निकास या स्थानांतरण अधीक्षक द्वारा।</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>तिथि</translation>
    </message>
    <message>
      <source>What</source>
      <translation>क्या</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>विवरण</translation>
    </message>
    <message>
      <source>Add a CWC order</source>
      <translation>सीडब्ल्यूसी आदेश जोड़ें</translation>
    </message>
    <message>
      <source>Order number *</source>
      <translation>आदेश संख्या *</translation>
    </message>
    <message>
      <source>Order date *</source>
      <translation>आदेश की तिथि *</translation>
    </message>
    <message>
      <source>Kind of order *</source>
      <translation>आदेश का प्रकार *</translation>
    </message>
    <message>
      <source>What the order says</source>
      <translation>आदेश में क्या कहा गया है</translation>
    </message>
    <message>
      <source>Next review on</source>
      <translation>अगली समीक्षा की तिथि</translation>
    </message>
    <message>
      <source>Add a social investigation report</source>
      <translation>सामाजिक जाँच रिपोर्ट जोड़ें</translation>
    </message>
    <message>
      <source>Asked for on</source>
      <translation>माँगी गई तिथि</translation>
    </message>
    <message>
      <source>Submitted on</source>
      <translation>जमा करने की तिथि</translation>
    </message>
    <message>
      <source>Officer</source>
      <translation>अधिकारी</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>सारांश</translation>
    </message>
    <message>
      <source>Add an individual care plan</source>
      <translation>व्यक्तिगत देखभाल योजना जोड़ें</translation>
    </message>
    <message>
      <source>Prepared on *</source>
      <translation>तैयार करने की तिथि *</translation>
    </message>
    <message>
      <source>Review due on</source>
      <translation>समीक्षा की नियत तिथि</translation>
    </message>
    <message>
      <source>Add a note</source>
      <translation>टिप्पणी जोड़ें</translation>
    </message>
    <message>
      <source>Note *</source>
      <translation>टिप्पणी *</translation>
    </message>
  </context>
  <context>
    <name>IdleLock</name>
    <message>
      <source>CLMS Desktop – locked</source>
      <translation>CLMS डेस्कटॉप – लॉक है</translation>
    </message>
  </context>
  <context>
    <name>InstitutionPage</name>
    <message>
      <source>Your institution</source>
      <translation>आपकी संस्था</translation>
    </message>
    <message>
      <source>As written on the registration certificate. * is needed.</source>
      <translation>जैसा पंजीकरण प्रमाणपत्र पर लिखा है। * ज़रूरी है।</translation>
    </message>
    <message>
      <source>Name of the institution *</source>
      <translation>संस्था का नाम *</translation>
    </message>
    <message>
      <source>Name in Hindi / local script</source>
      <translation>हिन्दी / स्थानीय लिपि में नाम</translation>
    </message>
    <message>
      <source>Type of institution *</source>
      <translation>संस्था का प्रकार *</translation>
    </message>
    <message>
      <source>Registration number *</source>
      <translation>पंजीकरण संख्या *</translation>
    </message>
    <message>
      <source>The number of your institution within the district</source>
      <translation>ज़िले के भीतर आपकी संस्था की संख्या</translation>
    </message>
    <message>
      <source>State *</source>
      <translation>राज्य *</translation>
    </message>
    <message>
      <source>District *</source>
      <translation>ज़िला *</translation>
    </message>
    <message>
      <source>District LGD code *</source>
      <translation>ज़िले का LGD कोड *</translation>
    </message>
    <message>
      <source>Institution number in the district</source>
      <translation>ज़िले में संस्था की संख्या</translation>
    </message>
    <message>
      <source>Places for boys</source>
      <translation>लड़कों के लिए स्थान</translation>
    </message>
    <message>
      <source>Places for girls</source>
      <translation>लड़कियों के लिए स्थान</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <source>CLMS Desktop – log in</source>
      <translation>CLMS डेस्कटॉप – लॉग इन</translation>
    </message>
    <message>
      <source>The screen is locked. Log in to continue.</source>
      <translation>स्क्रीन लॉक है। आगे बढ़ने के लिए लॉग इन करें।</translation>
    </message>
    <message>
      <source>Log in to CLMS Desktop</source>
      <translation>CLMS डेस्कटॉप में लॉग इन करें</translation>
    </message>
    <message>
      <source>Someone else may log in here with their own user name.</source>
      <translation>कोई और यहाँ अपने उपयोगकर्ता नाम से लॉग इन कर सकता है।</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>उपयोगकर्ता नाम</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>पासवर्ड</translation>
    </message>
    <message>
      <source>Log in</source>
      <translation>लॉग इन</translation>
    </message>
    <message>
      <source>Quit CLMS</source>
      <translation>CLMS बंद करें</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>रद्द करें</translation>
    </message>
    <message>
      <source>Enter your user name and password.</source>
      <translation>अपना उपयोगकर्ता नाम और पासवर्ड लिखें।</translation>
    </message>
    <message>
      <source>Choose a new password to continue.</source>
      <translation>आगे बढ़ने के लिए नया पासवर्ड चुनें।</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Data: {0}</source>
      <translation>डेटा: {0}</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>फ़ाइल (&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Register a new child…</source>
      <translation>नए बच्चे का पंजीकरण (&amp;R)…</translation>
    </message>
    <message>
      <source>&amp;Find a child</source>
      <translation>बच्चा खोजें (&amp;F)</translation>
    </message>
    <message>
      <source>Re&amp;load</source>
      <translation>फिर से लोड करें (&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Lock the screen</source>
      <translation>स्क्रीन लॉक करें (&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>बंद करें (&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;Go to</source>
      <translation>जाएँ (&amp;G)</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>सहायता (&amp;H)</translation>
    </message>
    <message>
      <source>&amp;About CLMS Desktop</source>
      <translation>CLMS डेस्कटॉप के बारे में (&amp;A)</translation>
    </message>
    <message>
      <source>This screen could not be opened. See the log for details.</source>
      <translation>यह स्क्रीन नहीं खुल सकी। विवरण के लिए लॉग देखें।</translation>
    </message>
    <message>
      <source>CLMS Desktop: case records of children in care under the Juvenile Justice (Care and Protection of Children) Act, 2015.</source>
      <translation>CLMS डेस्कटॉप: किशोर न्याय (बालकों की देखरेख और संरक्षण) अधिनियम, 2015 के अंतर्गत देखरेख में बच्चों के मामलों के अभिलेख।</translation>
    </message>
    <message>
      <source>User: {0}</source>
      <translation>उपयोगकर्ता: {0}</translation>
    </message>
    <message>
      <source>Never synced</source>
      <translation>कभी सिंक नहीं हुआ</translation>
    </message>
    <message>
      <source>Last sync: {0}</source>
      <translation>अंतिम सिंक: {0}</translation>
    </message>
    <message>
      <source>1 open flag</source>
      <translation>1 खुला फ़्लैग</translation>
    </message>
    <message>
      <source>{0} open flags</source>
      <translation>{0} खुले फ़्लैग</translation>
    </message>
    <message>
      <source>Dashboard</source>
      <translation>डैशबोर्ड</translation>
    </message>
    <message>
      <source>Children</source>
      <translation>बच्चे</translation>
    </message>
    <message>
      <source>Review queue</source>
      <translation>समीक्षा सूची</translation>
    </message>
    <message>
      <source>Adoption</source>
      <translation>दत्तक ग्रहण</translation>
    </message>
    <message>
      <source>Print</source>
      <translation>प्रिंट</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>सिंक</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>सेटिंग्स</translation>
    </message>
    <message>
      <source>Users</source>
      <translation>उपयोगकर्ता</translation>
    </message>
    <message>
      <source>Audit trail</source>
      <translation>लेखा परीक्षण सूची</translation>
    </message>
    <message>
      <source>Approvals</source>
      <translation>स्वीकृतियाँ</translation>
    </message>
  </context>
  <context>
    <name>OverviewTab</name>
    <message>
      <source>No photo</source>
      <translation>कोई फ़ोटो नहीं</translation>
    </message>
    <message>
      <source>Change photo…</source>
      <translation>फ़ोटो बदलें…</translation>
    </message>
    <message>
      <source>Correct the details…</source>
      <translation>विवरण सुधारें…</translation>
    </message>
    <message>
      <source>Name, date of birth, Aadhaar, gender, admission details</source>
      <translation>नाम, जन्म तिथि, आधार, लिंग, प्रवेश का विवरण</translation>
    </message>
    <message>
      <source>Requests for the superintendent's approval</source>
      <translation>अधीक्षक की स्वीकृति के लिए अनुरोध</translation>
    </message>
    <message>
      <source>{0} years</source>
      <translation>{0} वर्ष</translation>
    </message>
    <message>
      <source>(estimated)</source>
      <translation>(अनुमानित)</translation>
    </message>
    <message>
      <source>Child code</source>
      <translation>बाल कोड</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>नाम</translation>
    </message>
    <message>
      <source>Gender</source>
      <translation>लिंग</translation>
    </message>
    <message>
      <source>Age</source>
      <translation>आयु</translation>
    </message>
    <message>
      <source>{0}, born {1}</source>
      <translation>{0}, जन्म {1}</translation>
    </message>
    <message>
      <source>Admitted</source>
      <translation>प्रवेश</translation>
    </message>
    <message>
      <source>In care for</source>
      <translation>देखरेख में अवधि</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>स्थिति</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>श्रेणी</translation>
    </message>
    <message>
      <source>not decided yet</source>
      <translation>अभी तय नहीं</translation>
    </message>
    <message>
      <source>Brought by</source>
      <translation>कौन लाया</translation>
    </message>
    <message>
      <source>Aadhaar</source>
      <translation>आधार</translation>
    </message>
    <message>
      <source>Identification marks</source>
      <translation>पहचान चिह्न</translation>
    </message>
    <message>
      <source>Last visit</source>
      <translation>अंतिम मुलाक़ात</translation>
    </message>
    <message>
      <source>due {0}</source>
      <translation>देय {0}</translation>
    </message>
    <message>
      <source>Open flags ({0})</source>
      <translation>खुले फ़्लैग ({0})</translation>
    </message>
    <message>
      <source>Photo missing</source>
      <translation>फ़ोटो नहीं है</translation>
    </message>
    <message>
      <source>Choose the child's photo</source>
      <translation>बच्चे की फ़ोटो चुनें</translation>
    </message>
    <message>
      <source>Images (*.jpg *.jpeg *.png)</source>
      <translation>चित्र (*.jpg *.jpeg *.png)</translation>
    </message>
  </context>
  <context>
    <name>PracticePage</name>
    <message>
      <source>Practice with made-up children</source>
      <translation>काल्पनिक बच्चों के साथ अभ्यास</translation>
    </message>
    <message>
      <source>A practice home with {0} made-up children is made in a separate folder. Nothing you do there touches real records. Start CLMS again and choose 'Set up' when you are ready for real work.</source>
      <translation>{0} काल्पनिक बच्चों वाला एक अभ्यास गृह अलग फ़ोल्डर में बनाया जाता है। वहाँ आप जो भी करें, असली अभिलेखों पर कोई असर नहीं पड़ता। असली काम के लिए तैयार होने पर CLMS फिर से शुरू करें और 'तैयार करें' चुनें।</translation>
    </message>
    <message>
      <source>Practice folder: {0}</source>
      <translation>अभ्यास फ़ोल्डर: {0}</translation>
    </message>
  </context>
  <context>
    <name>PreviewDialog</name>
    <message>
      <source>Print preview</source>
      <translation>प्रिंट पूर्वावलोकन</translation>
    </message>
    <message>
      <source>Pages:</source>
      <translation>पृष्ठ:</translation>
    </message>
    <message>
      <source>Check them, then print or save.</source>
      <translation>इन्हें जाँचें, फिर प्रिंट करें या सहेजें।</translation>
    </message>
    <message>
      <source>Preview is not available here; use Open in PDF viewer.</source>
      <translation>यहाँ पूर्वावलोकन उपलब्ध नहीं है; पीडीएफ़ व्यूअर में खोलें।</translation>
    </message>
    <message>
      <source>Print…</source>
      <translation>प्रिंट…</translation>
    </message>
    <message>
      <source>Save as PDF…</source>
      <translation>पीडीएफ़ के रूप में सहेजें…</translation>
    </message>
    <message>
      <source>Open in PDF viewer</source>
      <translation>पीडीएफ़ व्यूअर में खोलें</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>बंद करें</translation>
    </message>
    <message>
      <source>Print</source>
      <translation>प्रिंट</translation>
    </message>
    <message>
      <source>The printer did not start:</source>
      <translation>प्रिंटर शुरू नहीं हुआ:</translation>
    </message>
    <message>
      <source>Try Open in PDF viewer and print from there.</source>
      <translation>पीडीएफ़ व्यूअर में खोलकर वहाँ से प्रिंट करें।</translation>
    </message>
    <message>
      <source>Save as PDF</source>
      <translation>पीडीएफ़ के रूप में सहेजें</translation>
    </message>
    <message>
      <source>The file could not be saved:</source>
      <translation>फ़ाइल सहेजी नहीं जा सकी:</translation>
    </message>
  </context>
  <context>
    <name>PrintPage</name>
    <message>
      <source>Print documents</source>
      <translation>दस्तावेज़ प्रिंट करें</translation>
    </message>
    <message>
      <source>Cards on A4 sheets with crop marks (8 a sheet)</source>
      <translation>A4 शीट पर कटाई के निशानों के साथ कार्ड (एक शीट पर 8)</translation>
    </message>
    <message>
      <source>Document:</source>
      <translation>दस्तावेज़:</translation>
    </message>
    <message>
      <source>Language:</source>
      <translation>भाषा:</translation>
    </message>
    <message>
      <source>Find a child by name or code, then Add:</source>
      <translation>नाम या कोड से बच्चा खोजें, फिर जोड़ें:</translation>
    </message>
    <message>
      <source>Name or child code</source>
      <translation>नाम या बाल कोड</translation>
    </message>
    <message>
      <source>Search</source>
      <translation>खोजें</translation>
    </message>
    <message>
      <source>Add →</source>
      <translation>जोड़ें →</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>हटाएँ</translation>
    </message>
    <message>
      <source>Preview and print…</source>
      <translation>देखें और प्रिंट करें…</translation>
    </message>
    <message>
      <source>A4, several pages: the whole case of each child (identity, category, guardians and visits, documents, CWC orders, open flags, notes).</source>
      <translation>A4, कई पृष्ठ: हर बच्चे का पूरा मामला (पहचान, श्रेणी, अभिभावक और मुलाक़ातें, दस्तावेज़, सीडब्ल्यूसी आदेश, खुले फ़्लैग, टिप्पणियाँ)।</translation>
    </message>
    <message>
      <source>Identity-card size, front and back, with photo and a QR code of the child code. Several children print on A4 sheets of 8 with crop marks.</source>
      <translation>पहचान पत्र के आकार में, आगे और पीछे, फ़ोटो और बाल कोड के QR कोड के साथ। कई बच्चे कटाई के निशानों वाली A4 शीट पर 8-8 करके छपते हैं।</translation>
    </message>
    <message>
      <source>A4: each entitlement (school, health, Aadhaar, bank, sponsorship) with department, scheme, status, date and reference number.</source>
      <translation>A4: हर पात्रता (स्कूल, स्वास्थ्य, आधार, बैंक, प्रायोजन) विभाग, योजना, स्थिति, तिथि और संदर्भ संख्या के साथ।</translation>
    </message>
    <message>
      <source>For one child: a cover letter to the Child Welfare Committee, the facts behind the adoption-evaluation recommendation, and the documents checklist.</source>
      <translation>एक बच्चे के लिए: बाल कल्याण समिति को आवरण पत्र, दत्तक ग्रहण मूल्यांकन की अनुशंसा के पीछे के तथ्य, और दस्तावेज़ों की सूची।</translation>
    </message>
    <message>
      <source>Children chosen:</source>
      <translation>चुने गए बच्चे:</translation>
    </message>
    <message>
      <source>No child matches.</source>
      <translation>कोई बच्चा मेल नहीं खाता।</translation>
    </message>
    <message>
      <source>Print</source>
      <translation>प्रिंट</translation>
    </message>
    <message>
      <source>A CWC submission file is made for one child at a time. Keep one child in the list.</source>
      <translation>सीडब्ल्यूसी को भेजी जाने वाली फ़ाइल एक बार में एक बच्चे की बनती है। सूची में एक ही बच्चा रखें।</translation>
    </message>
  </context>
  <context>
    <name>ProfilePage</name>
    <message>
      <source>← Back to the list</source>
      <translation>← सूची पर वापस</translation>
    </message>
    <message>
      <source>Overview</source>
      <translation>एक नज़र में</translation>
    </message>
    <message>
      <source>Guardians and visits</source>
      <translation>अभिभावक और मुलाक़ातें</translation>
    </message>
    <message>
      <source>Category and documents</source>
      <translation>श्रेणी और दस्तावेज़</translation>
    </message>
    <message>
      <source>Orders and history</source>
      <translation>आदेश और इतिहास</translation>
    </message>
    <message>
      <source>Adoption</source>
      <translation>दत्तक ग्रहण</translation>
    </message>
    <message>
      <source>Exit and transfer</source>
      <translation>देखरेख छोड़ना और स्थानांतरण</translation>
    </message>
  </context>
  <context>
    <name>QLineEdit</name>
    <message>
      <source>&amp;Undo</source>
      <translation>पूर्ववत करें (&amp;U)</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>फिर से करें (&amp;R)</translation>
    </message>
    <message>
      <source>Cu&amp;t</source>
      <translation>काटें (&amp;T)</translation>
    </message>
    <message>
      <source>&amp;Copy</source>
      <translation>कॉपी करें (&amp;C)</translation>
    </message>
    <message>
      <source>&amp;Paste</source>
      <translation>चिपकाएँ (&amp;P)</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>मिटाएँ</translation>
    </message>
    <message>
      <source>Select All</source>
      <translation>सब चुनें</translation>
    </message>
  </context>
  <context>
    <name>QPlatformTheme</name>
    <message>
      <source>OK</source>
      <translation>ठीक है</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>सहेजें</translation>
    </message>
    <message>
      <source>Save All</source>
      <translation>सब सहेजें</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>खोलें</translation>
    </message>
    <message>
      <source>&amp;Yes</source>
      <translation>हाँ (&amp;Y)</translation>
    </message>
    <message>
      <source>Yes to &amp;All</source>
      <translation>सबके लिए हाँ (&amp;A)</translation>
    </message>
    <message>
      <source>&amp;No</source>
      <translation>नहीं (&amp;N)</translation>
    </message>
    <message>
      <source>N&amp;o to All</source>
      <translation>सबके लिए नहीं (&amp;O)</translation>
    </message>
    <message>
      <source>Abort</source>
      <translation>रोकें</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>फिर कोशिश करें</translation>
    </message>
    <message>
      <source>Ignore</source>
      <translation>अनदेखा करें</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>बंद करें</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>रद्द करें</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>छोड़ दें</translation>
    </message>
    <message>
      <source>Don't Save</source>
      <translation>न सहेजें</translation>
    </message>
    <message>
      <source>Close without Saving</source>
      <translation>बिना सहेजे बंद करें</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>सहायता</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>लागू करें</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>पहले जैसा करें</translation>
    </message>
    <message>
      <source>Restore Defaults</source>
      <translation>मूल सेटिंग वापस लाएँ</translation>
    </message>
  </context>
  <context>
    <name>ReasonDialog</name>
    <message>
      <source>For example: SIR submitted to the CWC on 20/11/2026</source>
      <translation>उदाहरण: 20/11/2026 को सीडब्ल्यूसी को सामाजिक जाँच रिपोर्ट जमा की</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>सहेजें</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>रद्द करें</translation>
    </message>
  </context>
  <context>
    <name>RegistrationDialog</name>
    <message>
      <source>First name *</source>
      <translation>पहला नाम *</translation>
    </message>
    <message>
      <source>Last name</source>
      <translation>उपनाम</translation>
    </message>
    <message>
      <source>Name in Hindi / local script</source>
      <translation>हिन्दी / स्थानीय लिपि में नाम</translation>
    </message>
    <message>
      <source>Gender *</source>
      <translation>लिंग *</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>जन्म तिथि</translation>
    </message>
    <message>
      <source>Or: age in years (estimate)</source>
      <translation>या: आयु वर्षों में (अनुमान)</translation>
    </message>
    <message>
      <source>Identification marks</source>
      <translation>पहचान चिह्न</translation>
    </message>
    <message>
      <source>Aadhaar number</source>
      <translation>आधार संख्या</translation>
    </message>
    <message>
      <source>Disability, if any</source>
      <translation>दिव्यांगता, यदि कोई हो</translation>
    </message>
    <message>
      <source>Languages spoken</source>
      <translation>बोली जाने वाली भाषाएँ</translation>
    </message>
    <message>
      <source>Admission date *</source>
      <translation>प्रवेश तिथि *</translation>
    </message>
    <message>
      <source>Brought by</source>
      <translation>कौन लाया</translation>
    </message>
    <message>
      <source>Admission order number</source>
      <translation>प्रवेश आदेश संख्या</translation>
    </message>
    <message>
      <source>Produced before the CWC on</source>
      <translation>सीडब्ल्यूसी के समक्ष प्रस्तुत करने की तिथि</translation>
    </message>
    <message>
      <source>Medical examination on</source>
      <translation>चिकित्सा परीक्षण की तिथि</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>श्रेणी</translation>
    </message>
    <message>
      <source>Parent or guardian's name</source>
      <translation>माता-पिता या अभिभावक का नाम</translation>
    </message>
    <message>
      <source>Relation to the child</source>
      <translation>बच्चे से संबंध</translation>
    </message>
    <message>
      <source>Guardian's phone</source>
      <translation>अभिभावक का फ़ोन</translation>
    </message>
    <message>
      <source>Register a new child</source>
      <translation>नए बच्चे का पंजीकरण करें</translation>
    </message>
    <message>
      <source>Fields marked * are needed. Give the date of birth, or the age if it is not known. What you type is kept as a draft until you save.</source>
      <translation>* वाले खाने ज़रूरी हैं। जन्म तिथि दें, या पता न हो तो आयु। आप जो लिखते हैं वह सहेजने तक ड्राफ़्ट के रूप में रखा जाता है।</translation>
    </message>
    <message>
      <source>The child</source>
      <translation>बच्चा</translation>
    </message>
    <message>
      <source>No photo</source>
      <translation>कोई फ़ोटो नहीं</translation>
    </message>
    <message>
      <source>Choose a photo…</source>
      <translation>फ़ोटो चुनें…</translation>
    </message>
    <message>
      <source>Admission</source>
      <translation>प्रवेश</translation>
    </message>
    <message>
      <source>Is this child already registered?</source>
      <translation>क्या यह बच्चा पहले से पंजीकृत है?</translation>
    </message>
    <message>
      <source>Type the name and age to check for the same child.</source>
      <translation>वही बच्चा पहले से है या नहीं, जाँचने के लिए नाम और आयु लिखें।</translation>
    </message>
    <message>
      <source>Save and open the profile</source>
      <translation>सहेजें और प्रोफ़ाइल खोलें</translation>
    </message>
    <message>
      <source>Close (keep the draft)</source>
      <translation>बंद करें (ड्राफ़्ट रखें)</translation>
    </message>
    <message>
      <source>Clear the form</source>
      <translation>फ़ॉर्म साफ़ करें</translation>
    </message>
    <message>
      <source>Continue where you stopped?</source>
      <translation>जहाँ छोड़ा था वहीं से आगे बढ़ें?</translation>
    </message>
    <message>
      <source>A registration form you were filling in was kept ({0}, {1}).

Continue with it?</source>
      <translation>आप जो पंजीकरण फ़ॉर्म भर रहे थे, वह रखा गया था ({0}, {1})।

क्या उसे आगे भरें?</translation>
    </message>
    <message>
      <source>no name yet</source>
      <translation>अभी कोई नाम नहीं</translation>
    </message>
    <message>
      <source>Born about {0}.</source>
      <translation>लगभग {0} में जन्म।</translation>
    </message>
    <message>
      <source>{0} years old today.</source>
      <translation>आज {0} वर्ष का/की।</translation>
    </message>
    <message>
      <source>No child on record looks like this one.</source>
      <translation>अभिलेख में कोई बच्चा इस जैसा नहीं दिखता।</translation>
    </message>
    <message>
      <source>Please check: {0} child(ren) on record may be the same child.</source>
      <translation>कृपया जाँचें: अभिलेख में {0} बच्चे यही बच्चा हो सकते हैं।</translation>
    </message>
    <message>
      <source>Choose the child's photo</source>
      <translation>बच्चे की फ़ोटो चुनें</translation>
    </message>
    <message>
      <source>Images (*.jpg *.jpeg *.png)</source>
      <translation>चित्र (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
      <source>This file is not a picture CLMS can read.</source>
      <translation>यह फ़ाइल ऐसा चित्र नहीं है जिसे CLMS पढ़ सके।</translation>
    </message>
    <message>
      <source>Possibly already registered</source>
      <translation>शायद पहले से पंजीकृत</translation>
    </message>
    <message>
      <source>{0} child(ren) on record may be this same child (see the list at the bottom of the form).

Register as a new child anyway?</source>
      <translation>अभिलेख में {0} बच्चे यही बच्चा हो सकते हैं (फ़ॉर्म के नीचे की सूची देखें)।

फिर भी नए बच्चे के रूप में पंजीकरण करें?</translation>
    </message>
  </context>
  <context>
    <name>ResetPasswordDialog</name>
    <message>
      <source>New password for {0}</source>
      <translation>{0} के लिए नया पासवर्ड</translation>
    </message>
    <message>
      <source>Tell {0} this password; they must choose their own when they log in.</source>
      <translation>{0} को यह पासवर्ड बताएँ; लॉग इन करते समय उन्हें अपना पासवर्ड चुनना होगा।</translation>
    </message>
    <message>
      <source>The two passwords are not the same.</source>
      <translation>दोनों पासवर्ड एक जैसे नहीं हैं।</translation>
    </message>
  </context>
  <context>
    <name>RestoreDialog</name>
    <message>
      <source>Restore from backup</source>
      <translation>बैकअप से वापस लाएँ</translation>
    </message>
    <message>
      <source>Another folder…</source>
      <translation>दूसरा फ़ोल्डर…</translation>
    </message>
    <message>
      <source>Made on</source>
      <translation>बनाया गया</translation>
    </message>
    <message>
      <source>Institution</source>
      <translation>संस्था</translation>
    </message>
    <message>
      <source>Children</source>
      <translation>बच्चे</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>आकार</translation>
    </message>
    <message>
      <source>Restore this backup…</source>
      <translation>यह बैकअप वापस लाएँ…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>बंद करें</translation>
    </message>
    <message>
      <source>Backups in:</source>
      <translation>बैकअप यहाँ हैं:</translation>
    </message>
    <message>
      <source>Where are the backups?</source>
      <translation>बैकअप कहाँ हैं?</translation>
    </message>
    <message>
      <source>No CLMS backups in this folder.</source>
      <translation>इस फ़ोल्डर में CLMS का कोई बैकअप नहीं है।</translation>
    </message>
    <message>
      <source>Made on {0}</source>
      <translation>{0} को बनाया गया</translation>
    </message>
    <message>
      <source>Institution: {0} ({1})</source>
      <translation>संस्था: {0} ({1})</translation>
    </message>
    <message>
      <source>Children: {0} ({1} in care)</source>
      <translation>बच्चे: {0} ({1} देखरेख में)</translation>
    </message>
    <message>
      <source>Guardians: {0} · Visits: {1} · Documents: {2} · CWC orders: {3}</source>
      <translation>अभिभावक: {0} · मुलाक़ातें: {1} · दस्तावेज़: {2} · सीडब्ल्यूसी आदेश: {3}</translation>
    </message>
    <message>
      <source>Scans and photos: {0} · Users: {1} · Audit events: {2}</source>
      <translation>स्कैन और फ़ोटो: {0} · उपयोगकर्ता: {1} · लेखा घटनाएँ: {2}</translation>
    </message>
    <message>
      <source>Everything entered after {0} is replaced by this backup (today's data is kept in the data folder's backups).</source>
      <translation>{0} के बाद दर्ज सब कुछ इस बैकअप से बदल जाएगा (आज का डेटा डेटा फ़ोल्डर के backups में रखा जाता है)।</translation>
    </message>
    <message>
      <source>Changes were sent to the state after this backup was made: tell the district office before the next sync.</source>
      <translation>यह बैकअप बनने के बाद बदलाव राज्य को भेजे गए थे: अगले सिंक से पहले ज़िला कार्यालय को बताएँ।</translation>
    </message>
    <message>
      <source>Replace the case data with the backup made on {0}? CLMS then closes; start it again to work with the restored data.</source>
      <translation>मामलों का डेटा {0} को बने बैकअप से बदलें? फिर CLMS बंद हो जाएगा; वापस लाए गए डेटा के साथ काम करने के लिए इसे फिर से शुरू करें।</translation>
    </message>
  </context>
  <context>
    <name>ReviewQueuePage</name>
    <message>
      <source>Review queue</source>
      <translation>समीक्षा सूची</translation>
    </message>
    <message>
      <source>Rule:</source>
      <translation>नियम:</translation>
    </message>
    <message>
      <source>Level:</source>
      <translation>स्तर:</translation>
    </message>
    <message>
      <source>Reload</source>
      <translation>फिर से लोड करें</translation>
    </message>
    <message>
      <source>Open the child's record</source>
      <translation>बच्चे का अभिलेख खोलें</translation>
    </message>
    <message>
      <source>Acknowledge…</source>
      <translation>स्वीकार करें…</translation>
    </message>
    <message>
      <source>Resolve…</source>
      <translation>निपटाएँ…</translation>
    </message>
    <message>
      <source>Say you have seen it and what you are doing about it</source>
      <translation>बताएँ कि आपने इसे देख लिया है और इस पर क्या कर रहे हैं</translation>
    </message>
    <message>
      <source>Close the flag because the work is done</source>
      <translation>काम पूरा हो गया है, इसलिए फ़्लैग बंद करें</translation>
    </message>
    <message>
      <source>All rules</source>
      <translation>सभी नियम</translation>
    </message>
    <message>
      <source>All levels</source>
      <translation>सभी स्तर</translation>
    </message>
    <message>
      <source>The flags could not be loaded: {0}</source>
      <translation>फ़्लैग लोड नहीं हो सके: {0}</translation>
    </message>
    <message>
      <source>Nothing needs review. Well done.</source>
      <translation>समीक्षा के लिए कुछ भी बाकी नहीं। बहुत अच्छे।</translation>
    </message>
    <message>
      <source>{0} flags need attention; the first {1} by due date are shown.</source>
      <translation>{0} फ़्लैग पर ध्यान देना है; नियत तिथि के क्रम में पहले {1} दिखाए गए हैं।</translation>
    </message>
    <message>
      <source>{0} flags need attention, the most urgent first.</source>
      <translation>{0} फ़्लैग पर ध्यान देना है, सबसे ज़रूरी पहले।</translation>
    </message>
    <message>
      <source>Raised on {0}, due on {1}.</source>
      <translation>{0} को उठाया गया, {1} तक करना था।</translation>
    </message>
    <message>
      <source>Acknowledged by {0} on {1}: {2}</source>
      <translation>{0} ने {1} को स्वीकार किया: {2}</translation>
    </message>
    <message>
      <source>Acknowledge the flag</source>
      <translation>फ़्लैग स्वीकार करें</translation>
    </message>
    <message>
      <source>What are you doing about it? (this is kept with the flag)</source>
      <translation>आप इस पर क्या कर रहे हैं? (यह फ़्लैग के साथ रखा जाएगा)</translation>
    </message>
    <message>
      <source>Resolve the flag</source>
      <translation>फ़्लैग निपटाएँ</translation>
    </message>
    <message>
      <source>Why is this done? Say what was done and when (this is kept with the flag).</source>
      <translation>यह पूरा क्यों माना जाए? बताएँ कि क्या और कब किया गया (यह फ़्लैग के साथ रखा जाएगा)।</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <source>Settings</source>
      <translation>सेटिंग्स</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>भाषा</translation>
    </message>
    <message>
      <source>Language of the screens:</source>
      <translation>स्क्रीन की भाषा:</translation>
    </message>
    <message>
      <source>Changes every screen at once and is remembered the next time CLMS starts. Names and notes you typed stay as they were written.</source>
      <translation>सभी स्क्रीन तुरंत बदल जाती हैं और अगली बार CLMS शुरू होने पर भी यही भाषा रहेगी। आपके लिखे नाम और टिप्पणियाँ जैसे लिखे गए थे वैसे ही रहेंगे।</translation>
    </message>
    <message>
      <source>Locking the screen</source>
      <translation>स्क्रीन लॉक करना</translation>
    </message>
    <message>
      <source>Lock after this many minutes without use:</source>
      <translation>इतने मिनट उपयोग न होने पर लॉक करें:</translation>
    </message>
    <message>
      <source>minutes</source>
      <translation>मिनट</translation>
    </message>
    <message>
      <source>Children's records are private: when nobody uses the computer for this long, CLMS asks for the password again.</source>
      <translation>बच्चों के अभिलेख गोपनीय हैं: जब इतनी देर तक कोई कंप्यूटर का उपयोग नहीं करता, तो CLMS फिर से पासवर्ड माँगता है।</translation>
    </message>
    <message>
      <source>Where the data is kept</source>
      <translation>डेटा कहाँ रखा है</translation>
    </message>
    <message>
      <source>Data folder:</source>
      <translation>डेटा फ़ोल्डर:</translation>
    </message>
    <message>
      <source>Open the folder</source>
      <translation>फ़ोल्डर खोलें</translation>
    </message>
    <message>
      <source>The case database, scanned documents and automatic backups are in this folder. Copy the whole folder to keep a backup.</source>
      <translation>मामलों का डेटाबेस, स्कैन किए गए दस्तावेज़ और स्वचालित बैकअप इसी फ़ोल्डर में हैं। बैकअप रखने के लिए पूरा फ़ोल्डर कॉपी करें।</translation>
    </message>
    <message>
      <source>Updates</source>
      <translation>अपडेट</translation>
    </message>
    <message>
      <source>This computer has CLMS Desktop {0}.</source>
      <translation>इस कंप्यूटर पर CLMS डेस्कटॉप {0} है।</translation>
    </message>
    <message>
      <source>A newer version is available: {version} of {date}.</source>
      <translation>एक नया संस्करण उपलब्ध है: {version}, दिनांक {date}।</translation>
    </message>
    <message>
      <source>What changed:</source>
      <translation>क्या बदला:</translation>
    </message>
    <message>
      <source>To update, get the installer {file} from your district office and run it; the records stay as they are, and a copy is made before the update. Its SHA-256 (to check the file) is:</source>
      <translation>अपडेट करने के लिए अपने ज़िला कार्यालय से इंस्टॉलर {file} लें और उसे चलाएँ; रिकॉर्ड जैसे हैं वैसे ही रहेंगे, और अपडेट से पहले उनकी प्रति बना ली जाती है। फ़ाइल जाँचने के लिए उसका SHA-256 यह है:</translation>
    </message>
    <message>
      <source>No newer version was announced when the state office was last asked, on {0}.</source>
      <translation>पिछली बार {0} को राज्य कार्यालय से पूछने पर कोई नया संस्करण घोषित नहीं था।</translation>
    </message>
    <message>
      <source>CLMS asks the state office about new versions each time it sends data.</source>
      <translation>CLMS हर बार डेटा भेजते समय राज्य कार्यालय से नए संस्करण के बारे में पूछता है।</translation>
    </message>
    <message>
      <source>CLMS never downloads or installs anything by itself.</source>
      <translation>CLMS अपने आप कभी कुछ भी डाउनलोड या इंस्टॉल नहीं करता।</translation>
    </message>
    <message>
      <source>Saved. The screens are now in English.</source>
      <translation>सहेज लिया गया। स्क्रीन अब अंग्रेज़ी में हैं।</translation>
    </message>
    <message>
      <source>Saved. The screens are now in Hindi.</source>
      <translation>सहेज लिया गया। स्क्रीन अब हिन्दी में हैं।</translation>
    </message>
    <message>
      <source>Saved. It applies from the next start of CLMS.</source>
      <translation>सहेज लिया गया। यह CLMS के अगली बार शुरू होने से लागू होगा।</translation>
    </message>
    <message>
      <source>Restore from backup</source>
      <translation>बैकअप से वापस लाएँ</translation>
    </message>
    <message>
      <source>The backup is ready. CLMS closes now; when you start it again it opens the restored data. The data it replaces is kept in the data folder's backups.</source>
      <translation>बैकअप तैयार है। CLMS अब बंद होगा; फिर शुरू करने पर वापस लाया गया डेटा खुलेगा। बदला गया डेटा डेटा फ़ोल्डर के backups में रखा जाता है।</translation>
    </message>
  </context>
  <context>
    <name>SetupWizard</name>
    <message>
      <source>Setting up CLMS Desktop</source>
      <translation>CLMS डेस्कटॉप तैयार करना</translation>
    </message>
  </context>
  <context>
    <name>StartupMessages</name>
    <message>
      <source>CLMS Desktop {version} could not update the case records to work with this new version.

Nothing was lost: the records were put back exactly as they were before the update. A copy made before the update is kept here:
{backup}

You can install the earlier version of CLMS Desktop again and go on working with it. Please tell your district's CLMS support what happened and give them this message:
{reason}</source>
      <translation>CLMS डेस्कटॉप {version} केस रिकॉर्ड को इस नए संस्करण के लिए अपडेट नहीं कर सका।

कुछ भी नहीं खोया: रिकॉर्ड ठीक वैसे ही वापस रख दिए गए जैसे अपडेट से पहले थे। अपडेट से पहले बनाई गई प्रति यहाँ रखी है:
{backup}

आप CLMS डेस्कटॉप का पिछला संस्करण फिर से इंस्टॉल करके उसी पर काम जारी रख सकते हैं। कृपया अपने ज़िले की CLMS सहायता टीम को बताएँ कि क्या हुआ और उन्हें यह संदेश दें:
{reason}</translation>
    </message>
    <message>
      <source>CLMS Desktop {version} could not update the case records, and could not put them back by itself either.

Do not enter records on this computer now. The copy made just before the update is safe here:
{backup}

Call your district's CLMS support: they will put that copy back. Give them this message:
{reason}</source>
      <translation>CLMS डेस्कटॉप {version} केस रिकॉर्ड को अपडेट नहीं कर सका, और उन्हें अपने आप वापस भी नहीं रख सका।

अभी इस कंप्यूटर पर रिकॉर्ड दर्ज न करें। अपडेट से ठीक पहले बनाई गई प्रति यहाँ सुरक्षित है:
{backup}

अपने ज़िले की CLMS सहायता टीम को फ़ोन करें: वे वह प्रति वापस रख देंगे। उन्हें यह संदेश दें:
{reason}</translation>
    </message>
    <message>
      <source>These case records were last opened with a newer version of CLMS Desktop than this one ({version}). Nothing was changed.

Install the newer version again to open them.</source>
      <translation>ये केस रिकॉर्ड पिछली बार CLMS डेस्कटॉप के इस संस्करण ({version}) से नए संस्करण में खोले गए थे। कुछ भी नहीं बदला गया।

इन्हें खोलने के लिए नया संस्करण फिर से इंस्टॉल करें।</translation>
    </message>
    <message>
      <source>The case database in
{folder}
could not be opened:

{reason}

Copies made before any update are in the 'backups' folder beside it.</source>
      <translation>इस फ़ोल्डर का केस डेटाबेस
{folder}
खोला नहीं जा सका:

{reason}

हर अपडेट से पहले बनी प्रतियाँ उसके पास के 'backups' फ़ोल्डर में हैं।</translation>
    </message>
    <message>
      <source>CLMS Desktop</source>
      <translation>CLMS डेस्कटॉप</translation>
    </message>
  </context>
  <context>
    <name>SyncPage</name>
    <message>
      <source>Send data to the state office</source>
      <translation>राज्य कार्यालय को डेटा भेजें</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>स्थिति</translation>
    </message>
    <message>
      <source>New changes (not yet packed):</source>
      <translation>नए बदलाव (अभी पैक नहीं हुए):</translation>
    </message>
    <message>
      <source>Outbox:</source>
      <translation>भेजे जाने वाले:</translation>
    </message>
    <message>
      <source>Records not yet accepted:</source>
      <translation>अभिलेख जो अभी स्वीकार नहीं हुए:</translation>
    </message>
    <message>
      <source>This CCI's key:</source>
      <translation>इस संस्था की कुंजी:</translation>
    </message>
    <message>
      <source>State office key:</source>
      <translation>राज्य कार्यालय की कुंजी:</translation>
    </message>
    <message>
      <source>District office key:</source>
      <translation>ज़िला कार्यालय की कुंजी:</translation>
    </message>
    <message>
      <source>Last receipt</source>
      <translation>अंतिम रसीद</translation>
    </message>
    <message>
      <source>New</source>
      <translation>नया</translation>
    </message>
    <message>
      <source>Updated</source>
      <translation>अद्यतन</translation>
    </message>
    <message>
      <source>Unchanged</source>
      <translation>अपरिवर्तित</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>टकराव</translation>
    </message>
    <message>
      <source>Errors</source>
      <translation>त्रुटियाँ</translation>
    </message>
    <message>
      <source>State office address:</source>
      <translation>राज्य कार्यालय का पता:</translation>
    </message>
    <message>
      <source>Bundle</source>
      <translation>बंडल</translation>
    </message>
    <message>
      <source>Records</source>
      <translation>अभिलेख</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>आकार</translation>
    </message>
    <message>
      <source>Made on</source>
      <translation>बनाया गया</translation>
    </message>
    <message>
      <source>Send now</source>
      <translation>अभी भेजें</translation>
    </message>
    <message>
      <source>Export for USB…</source>
      <translation>यूएसबी के लिए निर्यात करें…</translation>
    </message>
    <message>
      <source>Import receipts from USB…</source>
      <translation>यूएसबी से रसीदें आयात करें…</translation>
    </message>
    <message>
      <source>Set up this CCI's key…</source>
      <translation>इस संस्था की कुंजी बनाएँ…</translation>
    </message>
    <message>
      <source>Import office key file…</source>
      <translation>कार्यालय की कुंजी फ़ाइल आयात करें…</translation>
    </message>
    <message>
      <source>Ask the state office to enrol this CCI…</source>
      <translation>राज्य कार्यालय से इस संस्था का नामांकन माँगें…</translation>
    </message>
    <message>
      <source>State office certificate (CA) file…</source>
      <translation>राज्य कार्यालय की प्रमाणपत्र (CA) फ़ाइल…</translation>
    </message>
    <message>
      <source>Outbox (sent in this order):</source>
      <translation>भेजे जाने वाले (इसी क्रम में भेजे जाएँगे):</translation>
    </message>
    <message>
      <source>{n} bundle(s), {size}</source>
      <translation>{n} बंडल, {size}</translation>
    </message>
    <message>
      <source>not set up yet</source>
      <translation>अभी तैयार नहीं</translation>
    </message>
    <message>
      <source>in this computer's keyring</source>
      <translation>इस कंप्यूटर के कीरिंग में</translation>
    </message>
    <message>
      <source>in a passphrase-protected file</source>
      <translation>पासफ़्रेज़ से सुरक्षित फ़ाइल में</translation>
    </message>
    <message>
      <source>not imported yet</source>
      <translation>अभी आयात नहीं हुआ</translation>
    </message>
    <message>
      <source>not imported (optional)</source>
      <translation>आयात नहीं हुआ (वैकल्पिक)</translation>
    </message>
    <message>
      <source>A newer version of CLMS Desktop is available: {new} (this computer has {old}). Settings says what changed and how to install it.</source>
      <translation>CLMS डेस्कटॉप का एक नया संस्करण उपलब्ध है: {new} (इस कंप्यूटर पर {old} है)। क्या बदला और इसे कैसे इंस्टॉल करें, यह सेटिंग्स में लिखा है।</translation>
    </message>
    <message>
      <source>state office</source>
      <translation>राज्य कार्यालय</translation>
    </message>
    <message>
      <source>district office</source>
      <translation>ज़िला कार्यालय</translation>
    </message>
    <message>
      <source>From the {who}, {when}.</source>
      <translation>{who} से, {when}।</translation>
    </message>
    <message>
      <source>Some records were not accepted; they will go again after the next change.</source>
      <translation>कुछ अभिलेख स्वीकार नहीं हुए; वे अगले बदलाव के बाद फिर भेजे जाएँगे।</translation>
    </message>
    <message>
      <source>Nothing has been acknowledged yet.</source>
      <translation>अभी तक किसी की पुष्टि नहीं हुई है।</translation>
    </message>
    <message>
      <source>copied to USB</source>
      <translation>यूएसबी पर कॉपी हुआ</translation>
    </message>
    <message>
      <source>waiting</source>
      <translation>प्रतीक्षा में</translation>
    </message>
    <message>
      <source>Before sending: set up this CCI's key and import the state office's key file.</source>
      <translation>भेजने से पहले: इस संस्था की कुंजी बनाएँ और राज्य कार्यालय की कुंजी फ़ाइल आयात करें।</translation>
    </message>
    <message>
      <source>{text}: {done} of {total}</source>
      <translation>{text}: {total} में से {done}</translation>
    </message>
    <message>
      <source>Waiting for the state office to approve this CCI. Nothing can be sent until they do. Phone them and read out this CCI's key fingerprint: {fp}</source>
      <translation>राज्य कार्यालय की स्वीकृति की प्रतीक्षा है। स्वीकृति मिलने तक कुछ भी भेजा नहीं जा सकता। उन्हें फ़ोन करें और इस संस्था की कुंजी का फ़िंगरप्रिंट पढ़कर सुनाएँ: {fp}</translation>
    </message>
    <message>
      <source>It did not work: {why}</source>
      <translation>यह नहीं हो पाया: {why}</translation>
    </message>
    <message>
      <source>State office certificate (CA) file</source>
      <translation>राज्य कार्यालय की प्रमाणपत्र (CA) फ़ाइल</translation>
    </message>
    <message>
      <source>Certificates (*.pem *.crt)</source>
      <translation>प्रमाणपत्र (*.pem *.crt)</translation>
    </message>
    <message>
      <source>The state office's certificate will be checked against {file}.</source>
      <translation>राज्य कार्यालय का प्रमाणपत्र {file} से जाँचा जाएगा।</translation>
    </message>
    <message>
      <source>Enrolment</source>
      <translation>नामांकन</translation>
    </message>
    <message>
      <source>If the district office gave you a one-time enrolment code, type it here. Otherwise leave it empty: the state office will approve by phone.</source>
      <translation>यदि ज़िला कार्यालय ने आपको एक बार का नामांकन कोड दिया है, तो उसे यहाँ लिखें। नहीं तो खाली छोड़ दें: राज्य कार्यालय फ़ोन पर पुष्टि करके स्वीकृति देगा।</translation>
    </message>
    <message>
      <source>This CCI is enrolled with the state office: you can send now.</source>
      <translation>यह संस्था राज्य कार्यालय में नामांकित है: अब आप भेज सकते हैं।</translation>
    </message>
    <message>
      <source>Asking the state office…</source>
      <translation>राज्य कार्यालय से पूछा जा रहा है…</translation>
    </message>
    <message>
      <source>Sync key</source>
      <translation>सिंक कुंजी</translation>
    </message>
    <message>
      <source>Passphrase of this CCI's sync key:</source>
      <translation>इस संस्था की सिंक कुंजी का पासफ़्रेज़:</translation>
    </message>
    <message>
      <source>The key could not be opened: {why}</source>
      <translation>कुंजी नहीं खुल सकी: {why}</translation>
    </message>
    <message>
      <source>This computer has no key store, so the key will be kept in a file protected by a passphrase. Choose a passphrase:</source>
      <translation>इस कंप्यूटर में कुंजी भंडार नहीं है, इसलिए कुंजी पासफ़्रेज़ से सुरक्षित फ़ाइल में रखी जाएगी। एक पासफ़्रेज़ चुनें:</translation>
    </message>
    <message>
      <source>Type the passphrase again:</source>
      <translation>पासफ़्रेज़ फिर से लिखें:</translation>
    </message>
    <message>
      <source>The key was not made: the passphrases differ.</source>
      <translation>कुंजी नहीं बनी: दोनों पासफ़्रेज़ अलग हैं।</translation>
    </message>
    <message>
      <source>This CCI's key is ready. Fingerprint: {fp}</source>
      <translation>इस संस्था की कुंजी तैयार है। फ़िंगरप्रिंट: {fp}</translation>
    </message>
    <message>
      <source>No key store was found on this computer, so the key is kept in a passphrase-protected file. Keep the passphrase safe: it is needed to send.</source>
      <translation>इस कंप्यूटर पर कोई कुंजी भंडार नहीं मिला, इसलिए कुंजी पासफ़्रेज़ से सुरक्षित फ़ाइल में रखी गई है। पासफ़्रेज़ सँभालकर रखें: भेजने के लिए इसकी ज़रूरत होगी।</translation>
    </message>
    <message>
      <source>Office key file</source>
      <translation>कार्यालय की कुंजी फ़ाइल</translation>
    </message>
    <message>
      <source>Key files (*.pub)</source>
      <translation>कुंजी फ़ाइलें (*.pub)</translation>
    </message>
    <message>
      <source>The key of the {office} ({name}) was imported.

Fingerprint: {fp}

Please phone the office and check that they read out the same fingerprint.</source>
      <translation>{office} ({name}) की कुंजी आयात हो गई।

फ़िंगरप्रिंट: {fp}

कृपया कार्यालय को फ़ोन करें और जाँचें कि वे यही फ़िंगरप्रिंट पढ़कर सुनाते हैं।</translation>
    </message>
    <message>
      <source>Type the state office's address first.</source>
      <translation>पहले राज्य कार्यालय का पता लिखें।</translation>
    </message>
    <message>
      <source>Sent {n} bundle(s); the receipts were checked.</source>
      <translation>{n} बंडल भेजे गए; रसीदें जाँच ली गईं।</translation>
    </message>
    <message>
      <source>Nothing new to send.</source>
      <translation>भेजने के लिए कुछ नया नहीं है।</translation>
    </message>
    <message>
      <source>Sending…</source>
      <translation>भेजा जा रहा है…</translation>
    </message>
    <message>
      <source>Choose the USB stick</source>
      <translation>यूएसबी स्टिक चुनें</translation>
    </message>
    <message>
      <source>{n} bundle(s) copied to {folder}. Take the stick to the district office and bring back the receipts.</source>
      <translation>{n} बंडल {folder} में कॉपी हुए। स्टिक ज़िला कार्यालय ले जाएँ और रसीदें वापस लाएँ।</translation>
    </message>
    <message>
      <source>Copying to the USB stick…</source>
      <translation>यूएसबी स्टिक पर कॉपी हो रहा है…</translation>
    </message>
    <message>
      <source>{n} receipt(s) checked and accepted.</source>
      <translation>{n} रसीदें जाँची और स्वीकार की गईं।</translation>
    </message>
    <message>
      <source>Not accepted: {file}: {why}</source>
      <translation>स्वीकार नहीं हुआ: {file}: {why}</translation>
    </message>
  </context>
  <context>
    <name>UsersPage</name>
    <message>
      <source>Users</source>
      <translation>उपयोगकर्ता</translation>
    </message>
    <message>
      <source>Add a user…</source>
      <translation>उपयोगकर्ता जोड़ें…</translation>
    </message>
    <message>
      <source>New password…</source>
      <translation>नया पासवर्ड…</translation>
    </message>
    <message>
      <source>Unlock</source>
      <translation>अनलॉक करें</translation>
    </message>
    <message>
      <source>Switch off</source>
      <translation>बंद करें</translation>
    </message>
    <message>
      <source>Change my password…</source>
      <translation>मेरा पासवर्ड बदलें…</translation>
    </message>
    <message>
      <source>Lock the screen after</source>
      <translation>स्क्रीन लॉक करें</translation>
    </message>
    <message>
      <source> minutes without use</source>
      <translation> मिनट उपयोग न होने पर</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>सहेजें</translation>
    </message>
    <message>
      <source>Active</source>
      <translation>सक्रिय</translation>
    </message>
    <message>
      <source>Switched off</source>
      <translation>बंद</translation>
    </message>
    <message>
      <source>Locked after {0} wrong passwords</source>
      <translation>{0} बार गलत पासवर्ड के बाद लॉक</translation>
    </message>
    <message>
      <source>, {0} wrong passwords typed</source>
      <translation>, {0} बार गलत पासवर्ड लिखा गया</translation>
    </message>
    <message>
      <source>never</source>
      <translation>कभी नहीं</translation>
    </message>
    <message>
      <source>Switch on</source>
      <translation>चालू करें</translation>
    </message>
    <message>
      <source>User added.</source>
      <translation>उपयोगकर्ता जोड़ दिया गया।</translation>
    </message>
    <message>
      <source>New password set for {0}.</source>
      <translation>{0} के लिए नया पासवर्ड बना दिया गया।</translation>
    </message>
    <message>
      <source>{0} can log in.</source>
      <translation>{0} लॉग इन कर सकते हैं।</translation>
    </message>
    <message>
      <source>{0} will no longer be able to log in. Continue?</source>
      <translation>{0} अब लॉग इन नहीं कर पाएँगे। जारी रखें?</translation>
    </message>
    <message>
      <source>Saved.</source>
      <translation>सहेज लिया गया।</translation>
    </message>
    <message>
      <source>Your password is changed.</source>
      <translation>आपका पासवर्ड बदल गया है।</translation>
    </message>
    <message>
      <source>The screen will lock after {0} minutes without use.</source>
      <translation>{0} मिनट उपयोग न होने पर स्क्रीन लॉक हो जाएगी।</translation>
    </message>
  </context>
  <context>
    <name>VisitsTab</name>
    <message>
      <source>Add a parent or guardian…</source>
      <translation>माता-पिता या अभिभावक जोड़ें…</translation>
    </message>
    <message>
      <source>Correct…</source>
      <translation>सुधारें…</translation>
    </message>
    <message>
      <source>Correct the selected parent or guardian</source>
      <translation>चुने गए माता-पिता या अभिभावक का विवरण सुधारें</translation>
    </message>
    <message>
      <source>Log this visit</source>
      <translation>यह मुलाक़ात दर्ज करें</translation>
    </message>
    <message>
      <source>Log a visit or call</source>
      <translation>मुलाक़ात या फ़ोन कॉल दर्ज करें</translation>
    </message>
    <message>
      <source>Who:</source>
      <translation>कौन:</translation>
    </message>
    <message>
      <source>How:</source>
      <translation>कैसे:</translation>
    </message>
    <message>
      <source>On:</source>
      <translation>कब:</translation>
    </message>
    <message>
      <source>Visits in the last 12 months</source>
      <translation>पिछले 12 महीनों में मुलाक़ातें</translation>
    </message>
    <message>
      <source>Correct the visit…</source>
      <translation>मुलाक़ात सुधारें…</translation>
    </message>
    <message>
      <source>Remove…</source>
      <translation>हटाएँ…</translation>
    </message>
    <message>
      <source>Remove a visit entered by mistake</source>
      <translation>गलती से दर्ज मुलाक़ात हटाएँ</translation>
    </message>
    <message>
      <source>Parents and guardians</source>
      <translation>माता-पिता और अभिभावक</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>नाम</translation>
    </message>
    <message>
      <source>Relation</source>
      <translation>संबंध</translation>
    </message>
    <message>
      <source>Alive?</source>
      <translation>जीवित?</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>फ़ोन</translation>
    </message>
    <message>
      <source>Someone else…</source>
      <translation>कोई और…</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>तिथि</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>किसने</translation>
    </message>
    <message>
      <source>How</source>
      <translation>कैसे</translation>
    </message>
    <message>
      <source>Visits</source>
      <translation>मुलाक़ातें</translation>
    </message>
    <message>
      <source>Who visited?</source>
      <translation>कौन मिलने आया?</translation>
    </message>
    <message>
      <source>Visitor's name</source>
      <translation>मिलने आने वाले का नाम</translation>
    </message>
    <message>
      <source>First click a parent or guardian in the list.</source>
      <translation>पहले सूची में किसी माता-पिता या अभिभावक पर क्लिक करें।</translation>
    </message>
    <message>
      <source>First click a visit in the list.</source>
      <translation>पहले सूची में किसी मुलाक़ात पर क्लिक करें।</translation>
    </message>
    <message>
      <source>Remove a visit</source>
      <translation>मुलाक़ात हटाएँ</translation>
    </message>
    <message>
      <source>Why is this visit removed? (For example: entered for the wrong child.)</source>
      <translation>यह मुलाक़ात क्यों हटाई जा रही है? (उदाहरण: गलत बच्चे के लिए दर्ज हुई।)</translation>
    </message>
    <message>
      <source>Add a parent or guardian</source>
      <translation>माता-पिता या अभिभावक जोड़ें</translation>
    </message>
    <message>
      <source>Name *</source>
      <translation>नाम *</translation>
    </message>
    <message>
      <source>Name in Hindi / local script</source>
      <translation>हिन्दी / स्थानीय लिपि में नाम</translation>
    </message>
    <message>
      <source>Relation *</source>
      <translation>संबंध *</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>पता</translation>
    </message>
  </context>
  <context>
    <name>Vocab</name>
    <message>
      <source>In care</source>
      <translation>देखरेख में</translation>
    </message>
    <message>
      <source>Restored to family</source>
      <translation>परिवार को सौंपा गया</translation>
    </message>
    <message>
      <source>Transferred</source>
      <translation>स्थानांतरित</translation>
    </message>
    <message>
      <source>Adopted</source>
      <translation>गोद लिए गए</translation>
    </message>
    <message>
      <source>Foster care / sponsorship</source>
      <translation>पालन-पोषण देखरेख / प्रायोजन</translation>
    </message>
    <message>
      <source>Aged out / after-care</source>
      <translation>18 वर्ष पूरे / पश्चात्‌वर्ती देखरेख</translation>
    </message>
    <message>
      <source>Absconded</source>
      <translation>भाग गया</translation>
    </message>
    <message>
      <source>Deceased</source>
      <translation>मृत</translation>
    </message>
    <message>
      <source>Girls</source>
      <translation>लड़कियाँ</translation>
    </message>
    <message>
      <source>Boys</source>
      <translation>लड़के</translation>
    </message>
    <message>
      <source>Transgender</source>
      <translation>ट्रांसजेंडर</translation>
    </message>
    <message>
      <source>Recommended</source>
      <translation>अनुशंसित</translation>
    </message>
    <message>
      <source>Reviewed</source>
      <translation>समीक्षा हुई</translation>
    </message>
    <message>
      <source>Presented to CWC</source>
      <translation>सीडब्ल्यूसी के समक्ष प्रस्तुत</translation>
    </message>
    <message>
      <source>CWC inquiry</source>
      <translation>सीडब्ल्यूसी जाँच</translation>
    </message>
    <message>
      <source>Declared legally free</source>
      <translation>विधिक रूप से मुक्त घोषित</translation>
    </message>
    <message>
      <source>CSR and medical report</source>
      <translation>बाल अध्ययन रिपोर्ट व चिकित्सा रिपोर्ट</translation>
    </message>
    <message>
      <source>Registered on CARINGS</source>
      <translation>केयरिंग्स पर पंजीकृत</translation>
    </message>
    <message>
      <source>Referred to parents</source>
      <translation>दत्तक माता-पिता को संदर्भित</translation>
    </message>
    <message>
      <source>Withdrawn</source>
      <translation>प्रक्रिया से हटाया गया</translation>
    </message>
    <message>
      <source>Critical</source>
      <translation>अति गंभीर</translation>
    </message>
    <message>
      <source>High</source>
      <translation>उच्च</translation>
    </message>
    <message>
      <source>Medium</source>
      <translation>मध्यम</translation>
    </message>
    <message>
      <source>Low</source>
      <translation>निम्न</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>खुला</translation>
    </message>
    <message>
      <source>Acknowledged</source>
      <translation>स्वीकार किया</translation>
    </message>
    <message>
      <source>Escalated</source>
      <translation>आगे बढ़ाया गया</translation>
    </message>
    <message>
      <source>Resolved</source>
      <translation>निपटाया गया</translation>
    </message>
    <message>
      <source>CCI</source>
      <translation>संस्था</translation>
    </message>
    <message>
      <source>District</source>
      <translation>ज़िला</translation>
    </message>
    <message>
      <source>State</source>
      <translation>राज्य</translation>
    </message>
    <message>
      <source>Under 2</source>
      <translation>2 से कम</translation>
    </message>
    <message>
      <source>2 to 5</source>
      <translation>2 से 5</translation>
    </message>
    <message>
      <source>6 to 11</source>
      <translation>6 से 11</translation>
    </message>
    <message>
      <source>12 to 14</source>
      <translation>12 से 14</translation>
    </message>
    <message>
      <source>15 to 17</source>
      <translation>15 से 17</translation>
    </message>
    <message>
      <source>18 and over</source>
      <translation>18 और अधिक</translation>
    </message>
    <message>
      <source>Under 1 month</source>
      <translation>1 माह से कम</translation>
    </message>
    <message>
      <source>1 to 6 months</source>
      <translation>1 से 6 माह</translation>
    </message>
    <message>
      <source>6 to 12 months</source>
      <translation>6 से 12 माह</translation>
    </message>
    <message>
      <source>1 to 2 years</source>
      <translation>1 से 2 वर्ष</translation>
    </message>
    <message>
      <source>2 to 5 years</source>
      <translation>2 से 5 वर्ष</translation>
    </message>
    <message>
      <source>5 years or more</source>
      <translation>5 वर्ष या अधिक</translation>
    </message>
    <message>
      <source>No category yet</source>
      <translation>अभी कोई श्रेणी नहीं</translation>
    </message>
    <message>
      <source>Category {0}</source>
      <translation>श्रेणी {0}</translation>
    </message>
    <message>
      <source>Female</source>
      <translation>महिला</translation>
    </message>
    <message>
      <source>Male</source>
      <translation>पुरुष</translation>
    </message>
    <message>
      <source>Police</source>
      <translation>पुलिस</translation>
    </message>
    <message>
      <source>Childline (1098)</source>
      <translation>चाइल्डलाइन (1098)</translation>
    </message>
    <message>
      <source>CWC</source>
      <translation>सीडब्ल्यूसी</translation>
    </message>
    <message>
      <source>Parent</source>
      <translation>माता/पिता</translation>
    </message>
    <message>
      <source>Relative</source>
      <translation>रिश्तेदार</translation>
    </message>
    <message>
      <source>NGO</source>
      <translation>स्वयंसेवी संस्था</translation>
    </message>
    <message>
      <source>Came on their own</source>
      <translation>स्वयं आया/आई</translation>
    </message>
    <message>
      <source>Transfer</source>
      <translation>स्थानांतरण</translation>
    </message>
    <message>
      <source>Labour department</source>
      <translation>श्रम विभाग</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>अन्य</translation>
    </message>
    <message>
      <source>Mother</source>
      <translation>माँ</translation>
    </message>
    <message>
      <source>Father</source>
      <translation>पिता</translation>
    </message>
    <message>
      <source>Stepmother</source>
      <translation>सौतेली माँ</translation>
    </message>
    <message>
      <source>Stepfather</source>
      <translation>सौतेले पिता</translation>
    </message>
    <message>
      <source>Grandparent</source>
      <translation>दादा/दादी/नाना/नानी</translation>
    </message>
    <message>
      <source>Uncle</source>
      <translation>चाचा/मामा</translation>
    </message>
    <message>
      <source>Aunt</source>
      <translation>चाची/मौसी</translation>
    </message>
    <message>
      <source>Brother or sister</source>
      <translation>भाई या बहन</translation>
    </message>
    <message>
      <source>Legal guardian</source>
      <translation>कानूनी अभिभावक</translation>
    </message>
    <message>
      <source>Alive</source>
      <translation>जीवित</translation>
    </message>
    <message>
      <source>Not known</source>
      <translation>पता नहीं</translation>
    </message>
    <message>
      <source>In person</source>
      <translation>स्वयं आकर</translation>
    </message>
    <message>
      <source>Phone call</source>
      <translation>फ़ोन कॉल</translation>
    </message>
    <message>
      <source>Video call</source>
      <translation>वीडियो कॉल</translation>
    </message>
    <message>
      <source>Home visit by staff</source>
      <translation>कर्मचारी द्वारा गृह भ्रमण</translation>
    </message>
    <message>
      <source>Required (missing)</source>
      <translation>आवश्यक (उपलब्ध नहीं)</translation>
    </message>
    <message>
      <source>Obtained</source>
      <translation>प्राप्त</translation>
    </message>
    <message>
      <source>Verified</source>
      <translation>सत्यापित</translation>
    </message>
    <message>
      <source>Not applicable</source>
      <translation>लागू नहीं</translation>
    </message>
    <message>
      <source>Production before the CWC</source>
      <translation>सीडब्ल्यूसी के समक्ष प्रस्तुति</translation>
    </message>
    <message>
      <source>Admission</source>
      <translation>प्रवेश</translation>
    </message>
    <message>
      <source>Interim care</source>
      <translation>अंतरिम देखरेख</translation>
    </message>
    <message>
      <source>Final order</source>
      <translation>अंतिम आदेश</translation>
    </message>
    <message>
      <source>Declared legally free for adoption</source>
      <translation>दत्तक ग्रहण हेतु विधिक रूप से मुक्त घोषित</translation>
    </message>
    <message>
      <source>Restoration</source>
      <translation>परिवार को वापसी</translation>
    </message>
    <message>
      <source>Review</source>
      <translation>समीक्षा</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>श्रेणी</translation>
    </message>
    <message>
      <source>Guardian unfit</source>
      <translation>अभिभावक अयोग्य</translation>
    </message>
  </context>
  <context>
    <name>_Form</name>
    <message>
      <source>Password</source>
      <translation>पासवर्ड</translation>
    </message>
    <message>
      <source>Password again</source>
      <translation>पासवर्ड फिर से</translation>
    </message>
  </context>
  <context>
    <name>forms</name>
    <message>
      <source>Pick the date from a calendar (F4)</source>
      <translation>कैलेंडर से तारीख़ चुनें (F4)</translation>
    </message>
  </context>
  <context>
    <name>parent</name>
    <message>
      <source>Preparing the document</source>
      <translation>दस्तावेज़ तैयार हो रहा है</translation>
    </message>
  </context>
  <context>
    <name>widget</name>
    <message>
      <source>Case summary</source>
      <translation>मामले का सारांश</translation>
    </message>
    <message>
      <source>Entitlement card</source>
      <translation>पात्रता कार्ड</translation>
    </message>
    <message>
      <source>Entitlement sheet</source>
      <translation>पात्रता पत्रक</translation>
    </message>
    <message>
      <source>CWC submission file (adoption evaluation)</source>
      <translation>सीडब्ल्यूसी को भेजी जाने वाली फ़ाइल (दत्तक ग्रहण मूल्यांकन)</translation>
    </message>
  </context>
</TS>
