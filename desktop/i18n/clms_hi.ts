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
    <message>
      <source>The district office's administrator logs in with this name and password, and can then add the office's staff. Keep the password secret; at least 8 letters and numbers.</source>
      <translation>जिला कार्यालय के प्रशासक इस नाम और पासवर्ड से लॉग इन करते हैं, और फिर कार्यालय के कर्मचारियों को जोड़ सकते हैं। पासवर्ड गुप्त रखें; कम से कम 8 अक्षर और अंक।</translation>
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
      <source>The child's whole record goes to this CCI at the next sync.</source>
      <translation>बच्चे का पूरा अभिलेख अगली सिंक पर इस संस्था को जाएगा।</translation>
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
      <source>When</source>
      <translation>कब</translation>
    </message>
    <message>
      <source>What was done</source>
      <translation>क्या किया गया</translation>
    </message>
    <message>
      <source>Child</source>
      <translation>बच्चा</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>विवरण</translation>
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
    <message>
      <source>The current password is not right.</source>
      <translation>वर्तमान पासवर्ड सही नहीं है।</translation>
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
    <name>ChildRecordDialog</name>
    <message>
      <source>Child record (read only)</source>
      <translation>बच्चे का अभिलेख (केवल देखने के लिए)</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>बंद करें</translation>
    </message>
    <message>
      <source>Child code</source>
      <translation>बाल कोड</translation>
    </message>
    <message>
      <source>CCI</source>
      <translation>संस्था</translation>
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
      <source>Admitted</source>
      <translation>प्रवेश</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>श्रेणी</translation>
    </message>
    <message>
      <source>Read only, as the CCI last sent it.</source>
      <translation>केवल देखने के लिए, जैसा संस्था ने अंतिम बार भेजा।</translation>
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
      <source>Any age</source>
      <translation>कोई भी आयु</translation>
    </message>
    <message>
      <source>0–5 years</source>
      <translation>0–5 वर्ष</translation>
    </message>
    <message>
      <source>6–11 years</source>
      <translation>6–11 वर्ष</translation>
    </message>
    <message>
      <source>12–14 years</source>
      <translation>12–14 वर्ष</translation>
    </message>
    <message>
      <source>15–17 years</source>
      <translation>15–17 वर्ष</translation>
    </message>
    <message>
      <source>18 and over</source>
      <translation>18 और अधिक</translation>
    </message>
    <message>
      <source>Any length of stay</source>
      <translation>रहने की कोई भी अवधि</translation>
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
      <source>6 months to 1 year</source>
      <translation>6 माह से 1 वर्ष</translation>
    </message>
    <message>
      <source>1 to 2 years</source>
      <translation>1 से 2 वर्ष</translation>
    </message>
    <message>
      <source>Over 2 years</source>
      <translation>2 वर्ष से अधिक</translation>
    </message>
    <message>
      <source>Down or Tab: into the list</source>
      <translation>नीचे का तीर या Tab: सूची में जाएँ</translation>
    </message>
    <message>
      <source>Back to the children in care, with no other filter</source>
      <translation>देखरेख में रह रहे बच्चों पर वापस, बिना किसी और फ़िल्टर के</translation>
    </message>
    <message>
      <source>Counting…</source>
      <translation>गिनती हो रही है…</translation>
    </message>
    <message>
      <source>1 child in care (of {0} on record)</source>
      <translation>देखरेख में 1 बच्चा (अभिलेख में कुल {0})</translation>
    </message>
    <message>
      <source>{0} children in care (of {1} on record)</source>
      <translation>देखरेख में {0} बच्चे (अभिलेख में कुल {1})</translation>
    </message>
    <message>
      <source>Showing {0} of {1} children</source>
      <translation>{1} बच्चों में से {0} दिखाए जा रहे हैं</translation>
    </message>
    <message>
      <source>1 child</source>
      <translation>1 बच्चा</translation>
    </message>
    <message>
      <source>{0} children</source>
      <translation>{0} बच्चे</translation>
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
    <name>ChildrenTableModel</name>
    <message>
      <source>Code</source>
      <translation>कोड</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>नाम</translation>
    </message>
    <message>
      <source>Name (local script)</source>
      <translation>नाम (स्थानीय लिपि)</translation>
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
      <source>Admitted</source>
      <translation>प्रवेश</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>स्थिति</translation>
    </message>
    <message>
      <source>Flags</source>
      <translation>फ़्लैग</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>श्रेणी</translation>
    </message>
    <message>
      <source>Open review flags (coloured by the most serious)</source>
      <translation>खुले समीक्षा फ़्लैग (सबसे गंभीर के रंग में)</translation>
    </message>
    <message>
      <source>Age estimated (born about {0})</source>
      <translation>अनुमानित आयु (जन्म लगभग {0})</translation>
    </message>
    <message>
      <source>Born {0}</source>
      <translation>जन्म {0}</translation>
    </message>
    <message>
      <source>{0} open flag(s), the most serious: {1}</source>
      <translation>{0} खुले फ़्लैग, सबसे गंभीर: {1}</translation>
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
      <source>Set up this computer for a district office (DCPU): see the CCIs of the district</source>
      <translation>इस कंप्यूटर को जिला कार्यालय (डीसीपीयू) के लिए तैयार करें: जिले की संस्थाएँ देखें</translation>
    </message>
    <message>
      <source>Practise first with made-up children (kept in a separate practice folder)</source>
      <translation>पहले काल्पनिक बच्चों के साथ अभ्यास करें (अलग अभ्यास फ़ोल्डर में रखे जाते हैं)</translation>
    </message>
  </context>
  <context>
    <name>ChooseRecordDialog</name>
    <message>
      <source>Merge with another record of the same child</source>
      <translation>उसी बच्चे के दूसरे अभिलेख के साथ विलय करें</translation>
    </message>
    <message>
      <source>Records of this home that may be the same child as {0}. Choose one, or type its child code.</source>
      <translation>इस गृह के वे अभिलेख जो {0} वाला ही बच्चा हो सकते हैं। एक चुनें, या उसका बाल कोड लिखें।</translation>
    </message>
    <message>
      <source>No other record looks like this child.</source>
      <translation>कोई दूसरा अभिलेख इस बच्चे जैसा नहीं दिखता।</translation>
    </message>
    <message>
      <source>or the other record's child code</source>
      <translation>या दूसरे अभिलेख का बाल कोड</translation>
    </message>
    <message>
      <source>Compare the records…</source>
      <translation>अभिलेखों की तुलना करें…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>रद्द करें</translation>
    </message>
  </context>
  <context>
    <name>CltsCasesPage</name>
    <message>
      <source>Search: CLTS ID, child code, name, employer</source>
      <translation>खोजें: सीएलटीएस आईडी, बाल कोड, नाम, नियोजक</translation>
    </message>
    <message>
      <source>Open cases</source>
      <translation>खुले मामले</translation>
    </message>
    <message>
      <source>Closed cases</source>
      <translation>बंद मामले</translation>
    </message>
    <message>
      <source>All cases</source>
      <translation>सभी मामले</translation>
    </message>
    <message>
      <source>Only with gaps</source>
      <translation>केवल कमियों वाले</translation>
    </message>
    <message>
      <source>Quarterly report…</source>
      <translation>त्रैमासिक प्रतिवेदन…</translation>
    </message>
    <message>
      <source>Import a CLTS register…</source>
      <translation>सीएलटीएस पंजी आयात करें…</translation>
    </message>
    <message>
      <source>Double-click a child (or press Enter) to open the case.</source>
      <translation>मामला खोलने के लिए बच्चे पर दो बार क्लिक करें (या Enter दबाएँ)।</translation>
    </message>
    <message>
      <source>Rescued from child labour (CLTS)</source>
      <translation>बाल श्रम से विमुक्त बच्चे (सीएलटीएस)</translation>
    </message>
    <message>
      <source>{0} cases ({1} open, {2} closed) · {3} from another state · {4} with gaps, {5} entitlements past their day · paid Rs {6:,} of Rs {7:,}</source>
      <translation>{0} मामले ({1} खुले, {2} बंद) · {3} अन्य राज्य से · {4} में कमियाँ, {5} योजनाएँ समय-सीमा पार · ₹{7:,} में से ₹{6:,} का भुगतान</translation>
    </message>
    <message>
      <source>Most common work: {0}</source>
      <translation>सबसे अधिक कार्य: {0}</translation>
    </message>
    <message>
      <source>Only the counts are shown: the children's details are for case staff and DCPU officers.</source>
      <translation>केवल संख्याएँ दिखाई गई हैं: बच्चों का विवरण केवल प्रकरण कर्मियों और जिला बाल संरक्षण इकाई के पदाधिकारियों के लिए है।</translation>
    </message>
    <message>
      <source>CLTS ID</source>
      <translation>सीएलटीएस आईडी</translation>
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
      <source>Rescued</source>
      <translation>विमुक्ति</translation>
    </message>
    <message>
      <source>Work</source>
      <translation>कार्य</translation>
    </message>
    <message>
      <source>Final order</source>
      <translation>अंतिम आदेश</translation>
    </message>
    <message>
      <source>Gaps</source>
      <translation>कमियाँ</translation>
    </message>
    <message>
      <source>Late</source>
      <translation>विलंबित</translation>
    </message>
    <message>
      <source>Paid / due</source>
      <translation>भुगतान / देय</translation>
    </message>
    <message>
      <source>Next visit</source>
      <translation>अगला भ्रमण</translation>
    </message>
    <message>
      <source>Save the report</source>
      <translation>प्रतिवेदन सहेजें</translation>
    </message>
    <message>
      <source>Import a CLTS register</source>
      <translation>सीएलटीएस पंजी आयात करें</translation>
    </message>
    <message>
      <source>Registers (*.xlsx *.csv)</source>
      <translation>पंजी (*.xlsx *.csv)</translation>
    </message>
    <message>
      <source>CLTS register checked</source>
      <translation>सीएलटीएस पंजी की जाँच पूरी</translation>
    </message>
    <message>
      <source>Import now</source>
      <translation>अभी आयात करें</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>रद्द करें</translation>
    </message>
    <message>
      <source>CLTS register</source>
      <translation>सीएलटीएस पंजी</translation>
    </message>
    <message>
      <source>Checking the register</source>
      <translation>पंजी की जाँच हो रही है</translation>
    </message>
    <message>
      <source>Importing the register</source>
      <translation>पंजी आयात हो रही है</translation>
    </message>
  </context>
  <context>
    <name>CltsFields</name>
    <message>
      <source>Yes</source>
      <translation>हाँ</translation>
    </message>
    <message>
      <source>No</source>
      <translation>नहीं</translation>
    </message>
    <message>
      <source>Date of rescue *</source>
      <translation>विमुक्ति की तिथि *</translation>
    </message>
    <message>
      <source>District of rescue</source>
      <translation>विमुक्ति का जिला</translation>
    </message>
    <message>
      <source>Block</source>
      <translation>प्रखंड</translation>
    </message>
    <message>
      <source>Village / ward</source>
      <translation>गाँव / वार्ड</translation>
    </message>
    <message>
      <source>Rescued by *</source>
      <translation>विमुक्त कराने वाले *</translation>
    </message>
    <message>
      <source>Other agency (say which)</source>
      <translation>अन्य संस्था (उल्लेख करें)</translation>
    </message>
    <message>
      <source>Found working in *</source>
      <translation>किस काम में पाया गया *</translation>
    </message>
    <message>
      <source>Other work (say which)</source>
      <translation>अन्य कार्य (उल्लेख करें)</translation>
    </message>
    <message>
      <source>Hazardous occupation or process?</source>
      <translation>खतरनाक व्यवसाय या प्रक्रिया?</translation>
    </message>
    <message>
      <source>Kept as bonded labour?</source>
      <translation>बंधुआ मज़दूर के रूप में रखा गया?</translation>
    </message>
    <message>
      <source>Trafficked?</source>
      <translation>दुर्व्यापार हुआ?</translation>
    </message>
    <message>
      <source>Establishment</source>
      <translation>प्रतिष्ठान</translation>
    </message>
    <message>
      <source>Employer's name</source>
      <translation>नियोजक का नाम</translation>
    </message>
    <message>
      <source>Employer's address</source>
      <translation>नियोजक का पता</translation>
    </message>
    <message>
      <source>Employer's phone</source>
      <translation>नियोजक का फ़ोन</translation>
    </message>
    <message>
      <source>Who put the child to work</source>
      <translation>बच्चे को काम पर किसने लगाया</translation>
    </message>
    <message>
      <source>Months at work</source>
      <translation>काम में महीने</translation>
    </message>
    <message>
      <source>Hours a day</source>
      <translation>प्रतिदिन घंटे</translation>
    </message>
    <message>
      <source>Days a week</source>
      <translation>सप्ताह में दिन</translation>
    </message>
    <message>
      <source>Wage a month (Rs)</source>
      <translation>मासिक मज़दूरी (₹)</translation>
    </message>
    <message>
      <source>Wages still owed (Rs)</source>
      <translation>बकाया मज़दूरी (₹)</translation>
    </message>
    <message>
      <source>Police station</source>
      <translation>थाना</translation>
    </message>
    <message>
      <source>FIR number</source>
      <translation>प्राथमिकी संख्या</translation>
    </message>
    <message>
      <source>FIR date</source>
      <translation>प्राथमिकी की तिथि</translation>
    </message>
    <message>
      <source>Sections</source>
      <translation>धाराएँ</translation>
    </message>
    <message>
      <source>Prosecution filed on</source>
      <translation>अभियोजन दायर होने की तिथि</translation>
    </message>
    <message>
      <source>Court (SDJM / CJM)</source>
      <translation>न्यायालय (एसडीजेएम / सीजेएम)</translation>
    </message>
    <message>
      <source>Case disposed of on</source>
      <translation>मामला निष्पादित होने की तिथि</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>परिणाम</translation>
    </message>
    <message>
      <source>Fine (Rs)</source>
      <translation>अर्थदंड (₹)</translation>
    </message>
    <message>
      <source>Home state</source>
      <translation>गृह राज्य</translation>
    </message>
    <message>
      <source>Home district (this state)</source>
      <translation>गृह जिला (यह राज्य)</translation>
    </message>
    <message>
      <source>Home district (another state)</source>
      <translation>गृह जिला (अन्य राज्य)</translation>
    </message>
    <message>
      <source>Village</source>
      <translation>गाँव</translation>
    </message>
    <message>
      <source>CWC</source>
      <translation>सीडब्ल्यूसी</translation>
    </message>
    <message>
      <source>Produced before the CWC on</source>
      <translation>सीडब्ल्यूसी के समक्ष प्रस्तुत करने की तिथि</translation>
    </message>
    <message>
      <source>Interim order</source>
      <translation>अंतरिम आदेश</translation>
    </message>
    <message>
      <source>Interim order date</source>
      <translation>अंतरिम आदेश की तिथि</translation>
    </message>
    <message>
      <source>Final order</source>
      <translation>अंतिम आदेश</translation>
    </message>
    <message>
      <source>Final order date</source>
      <translation>अंतिम आदेश की तिथि</translation>
    </message>
    <message>
      <source>Final order number</source>
      <translation>अंतिम आदेश संख्या</translation>
    </message>
    <message>
      <source>Transferred to (for a transfer)</source>
      <translation>किसे स्थानांतरित (स्थानांतरण हेतु)</translation>
    </message>
    <message>
      <source>Handed over to the family on</source>
      <translation>परिवार को सुपुर्दगी की तिथि</translation>
    </message>
    <message>
      <source>Home district confirmed on (other state)</source>
      <translation>गृह जिले द्वारा पुष्टि की तिथि (अन्य राज्य)</translation>
    </message>
    <message>
      <source>Confirmed by</source>
      <translation>पुष्टिकर्ता</translation>
    </message>
    <message>
      <source>Child's bank account number</source>
      <translation>बच्चे का बैंक खाता संख्या</translation>
    </message>
    <message>
      <source>IFSC code</source>
      <translation>आईएफएससी कोड</translation>
    </message>
    <message>
      <source>Bank and branch</source>
      <translation>बैंक एवं शाखा</translation>
    </message>
    <message>
      <source>Account linked to Aadhaar?</source>
      <translation>खाता आधार से जुड़ा है?</translation>
    </message>
    <message>
      <source>Aadhaar: last 4 digits only</source>
      <translation>आधार: केवल अंतिम 4 अंक</translation>
    </message>
    <message>
      <source>Physically verified (CM relief) on</source>
      <translation>भौतिक सत्यापन (मुख्यमंत्री राहत) की तिथि</translation>
    </message>
    <message>
      <source>Not eligible for CM relief because</source>
      <translation>मुख्यमंत्री राहत हेतु पात्र नहीं, कारण</translation>
    </message>
    <message>
      <source>In school when rescued?</source>
      <translation>विमुक्ति के समय विद्यालय में?</translation>
    </message>
    <message>
      <source>School type</source>
      <translation>विद्यालय का प्रकार</translation>
    </message>
    <message>
      <source>School</source>
      <translation>विद्यालय</translation>
    </message>
    <message>
      <source>Class</source>
      <translation>कक्षा</translation>
    </message>
    <message>
      <source>Enrolled on</source>
      <translation>नामांकन तिथि</translation>
    </message>
    <message>
      <source>Head of the family *</source>
      <translation>परिवार का मुखिया *</translation>
    </message>
    <message>
      <source>Panchayat</source>
      <translation>पंचायत</translation>
    </message>
    <message>
      <source>PIN code</source>
      <translation>पिन कोड</translation>
    </message>
    <message>
      <source>Rural or urban</source>
      <translation>ग्रामीण या शहरी</translation>
    </message>
    <message>
      <source>Social category</source>
      <translation>सामाजिक वर्ग</translation>
    </message>
    <message>
      <source>Minority community?</source>
      <translation>अल्पसंख्यक समुदाय?</translation>
    </message>
    <message>
      <source>BPL?</source>
      <translation>बीपीएल?</translation>
    </message>
    <message>
      <source>Ration card</source>
      <translation>राशन कार्ड</translation>
    </message>
    <message>
      <source>Ration card number</source>
      <translation>राशन कार्ड संख्या</translation>
    </message>
    <message>
      <source>MGNREGA job card?</source>
      <translation>मनरेगा जॉब कार्ड?</translation>
    </message>
    <message>
      <source>Job card number</source>
      <translation>जॉब कार्ड संख्या</translation>
    </message>
    <message>
      <source>Landless?</source>
      <translation>भूमिहीन?</translation>
    </message>
    <message>
      <source>Land owned (decimals)</source>
      <translation>स्वामित्व की भूमि (डिसमिल)</translation>
    </message>
    <message>
      <source>Own homestead land?</source>
      <translation>अपनी वास भूमि?</translation>
    </message>
    <message>
      <source>Housing</source>
      <translation>आवास</translation>
    </message>
    <message>
      <source>Ayushman (PM-JAY) card?</source>
      <translation>आयुष्मान (पीएम-जय) कार्ड?</translation>
    </message>
    <message>
      <source>In a self-help group?</source>
      <translation>स्वयं सहायता समूह में?</translation>
    </message>
    <message>
      <source>Name *</source>
      <translation>नाम *</translation>
    </message>
    <message>
      <source>Relation to the child *</source>
      <translation>बच्चे से संबंध *</translation>
    </message>
    <message>
      <source>Gender</source>
      <translation>लिंग</translation>
    </message>
    <message>
      <source>Age (years)</source>
      <translation>आयु (वर्ष)</translation>
    </message>
    <message>
      <source>Occupation</source>
      <translation>व्यवसाय</translation>
    </message>
    <message>
      <source>Alive?</source>
      <translation>जीवित?</translation>
    </message>
    <message>
      <source>Widow / widower?</source>
      <translation>विधवा / विधुर?</translation>
    </message>
    <message>
      <source>Has a disability?</source>
      <translation>दिव्यांगता है?</translation>
    </message>
    <message>
      <source>Ordered / demand raised on</source>
      <translation>आदेश / माँग की तिथि</translation>
    </message>
    <message>
      <source>Order or letter number</source>
      <translation>आदेश या पत्र संख्या</translation>
    </message>
    <message>
      <source>Sanctioned on</source>
      <translation>स्वीकृति की तिथि</translation>
    </message>
    <message>
      <source>Sanction number</source>
      <translation>स्वीकृति संख्या</translation>
    </message>
    <message>
      <source>Paid on</source>
      <translation>भुगतान की तिथि</translation>
    </message>
    <message>
      <source>Amount paid (Rs)</source>
      <translation>भुगतान की गई राशि (₹)</translation>
    </message>
    <message>
      <source>Challan, cheque or DBT reference</source>
      <translation>चालान, चेक या डीबीटी संदर्भ</translation>
    </message>
    <message>
      <source>Paid by</source>
      <translation>भुगतान का माध्यम</translation>
    </message>
    <message>
      <source>Refused on</source>
      <translation>अस्वीकृति की तिथि</translation>
    </message>
    <message>
      <source>Why refused</source>
      <translation>अस्वीकृति का कारण</translation>
    </message>
    <message>
      <source>Responsible office</source>
      <translation>उत्तरदायी कार्यालय</translation>
    </message>
    <message>
      <source>Eligible</source>
      <translation>पात्र</translation>
    </message>
    <message>
      <source>Applied</source>
      <translation>आवेदन किया</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>प्राप्त</translation>
    </message>
    <message>
      <source>Rejected</source>
      <translation>अस्वीकृत</translation>
    </message>
    <message>
      <source>Not eligible</source>
      <translation>पात्र नहीं</translation>
    </message>
    <message>
      <source>To be assessed</source>
      <translation>आकलन शेष</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>स्थिति</translation>
    </message>
    <message>
      <source>Applied on</source>
      <translation>आवेदन तिथि</translation>
    </message>
    <message>
      <source>Application number</source>
      <translation>आवेदन संख्या</translation>
    </message>
    <message>
      <source>Received on</source>
      <translation>प्राप्ति तिथि</translation>
    </message>
    <message>
      <source>Card / benefit number</source>
      <translation>कार्ड / लाभ संख्या</translation>
    </message>
    <message>
      <source>Rejected on</source>
      <translation>अस्वीकृति की तिथि</translation>
    </message>
    <message>
      <source>Remarks</source>
      <translation>अभ्युक्ति</translation>
    </message>
    <message>
      <source>Visited on *</source>
      <translation>भ्रमण की तिथि *</translation>
    </message>
    <message>
      <source>How *</source>
      <translation>कैसे *</translation>
    </message>
    <message>
      <source>Who visited *</source>
      <translation>किसने भ्रमण किया *</translation>
    </message>
    <message>
      <source>Living where restored?</source>
      <translation>पुनर्वास स्थल पर रह रहा है?</translation>
    </message>
    <message>
      <source>In school?</source>
      <translation>विद्यालय में?</translation>
    </message>
    <message>
      <source>Found working again? *</source>
      <translation>फिर से काम करते पाया गया? *</translation>
    </message>
    <message>
      <source>What the household needs</source>
      <translation>परिवार की ज़रूरतें</translation>
    </message>
    <message>
      <source>What was found</source>
      <translation>क्या पता चला</translation>
    </message>
  </context>
  <context>
    <name>CltsTab</name>
    <message>
      <source>Open a child-labour case…</source>
      <translation>बाल श्रम मामला खोलें…</translation>
    </message>
    <message>
      <source>Save the entitlement card…</source>
      <translation>पात्रता पत्र सहेजें…</translation>
    </message>
    <message>
      <source>Save the entitlement sheet…</source>
      <translation>पात्रता विवरणी सहेजें…</translation>
    </message>
    <message>
      <source>Child-labour case details (employer, FIR, household, money) are shown only to case staff and DCPU officers. The Child labour screen gives the counts.</source>
      <translation>बाल श्रम मामले का विवरण (नियोजक, प्राथमिकी, परिवार, राशि) केवल प्रकरण कर्मियों और जिला बाल संरक्षण इकाई के पदाधिकारियों को दिखाया जाता है। बाल श्रम स्क्रीन पर संख्याएँ देखें।</translation>
    </message>
    <message>
      <source>Rescue and work…</source>
      <translation>विमुक्ति एवं कार्य…</translation>
    </message>
    <message>
      <source>Rescue and work</source>
      <translation>विमुक्ति एवं कार्य</translation>
    </message>
    <message>
      <source>Employer and wages…</source>
      <translation>नियोजक एवं मज़दूरी…</translation>
    </message>
    <message>
      <source>Employer and wages</source>
      <translation>नियोजक एवं मज़दूरी</translation>
    </message>
    <message>
      <source>FIR and prosecution…</source>
      <translation>प्राथमिकी एवं अभियोजन…</translation>
    </message>
    <message>
      <source>FIR and prosecution</source>
      <translation>प्राथमिकी एवं अभियोजन</translation>
    </message>
    <message>
      <source>Home…</source>
      <translation>घर…</translation>
    </message>
    <message>
      <source>Where the child's home is</source>
      <translation>बच्चे का घर कहाँ है</translation>
    </message>
    <message>
      <source>CWC and restoration…</source>
      <translation>बाल कल्याण समिति एवं पुनर्वास…</translation>
    </message>
    <message>
      <source>CWC and restoration</source>
      <translation>बाल कल्याण समिति एवं पुनर्वास</translation>
    </message>
    <message>
      <source>Bank account, CM relief, school…</source>
      <translation>बैंक खाता, मुख्यमंत्री राहत, विद्यालय…</translation>
    </message>
    <message>
      <source>Bank account, CM relief and school</source>
      <translation>बैंक खाता, मुख्यमंत्री राहत एवं विद्यालय</translation>
    </message>
    <message>
      <source>Close the case…</source>
      <translation>मामला बंद करें…</translation>
    </message>
    <message>
      <source>Rescue case</source>
      <translation>विमुक्ति का मामला</translation>
    </message>
    <message>
      <source>Household…</source>
      <translation>परिवार…</translation>
    </message>
    <message>
      <source>Cards, land and housing…</source>
      <translation>कार्ड, भूमि एवं आवास…</translation>
    </message>
    <message>
      <source>Add a member…</source>
      <translation>सदस्य जोड़ें…</translation>
    </message>
    <message>
      <source>Change the selected member…</source>
      <translation>चुने गए सदस्य का विवरण बदलें…</translation>
    </message>
    <message>
      <source>First click a line in the list.</source>
      <translation>पहले सूची में एक पंक्ति पर क्लिक करें।</translation>
    </message>
    <message>
      <source>Open a child-labour case</source>
      <translation>बाल श्रम मामला खोलें</translation>
    </message>
    <message>
      <source>The case gets its CLTS ID when it is saved.</source>
      <translation>सहेजने पर मामले को उसकी सीएलटीएस आईडी मिलती है।</translation>
    </message>
    <message>
      <source>Close the case</source>
      <translation>मामला बंद करें</translation>
    </message>
    <message>
      <source>Why *</source>
      <translation>कारण *</translation>
    </message>
    <message>
      <source>On</source>
      <translation>तिथि</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>परिवार</translation>
    </message>
    <message>
      <source>Add a member of the household</source>
      <translation>परिवार का सदस्य जोड़ें</translation>
    </message>
    <message>
      <source>Change a member</source>
      <translation>सदस्य का विवरण बदलें</translation>
    </message>
    <message>
      <source>Follow-up visit {0}</source>
      <translation>अनुवर्ती भ्रमण {0}</translation>
    </message>
    <message>
      <source>A visit outside the schedule</source>
      <translation>समय-सारणी से बाहर का भ्रमण</translation>
    </message>
    <message>
      <source>Save as PDF</source>
      <translation>पीडीएफ़ के रूप में सहेजें</translation>
    </message>
    <message>
      <source>Record on the selected line…</source>
      <translation>चुनी गई मद पर दर्ज करें…</translation>
    </message>
    <message>
      <source>Compensation</source>
      <translation>प्रतिकर</translation>
    </message>
    <message>
      <source>Update the selected entitlement…</source>
      <translation>चुनी गई योजना अद्यतन करें…</translation>
    </message>
    <message>
      <source>Back to the rule</source>
      <translation>नियम पर वापस</translation>
    </message>
    <message>
      <source>Entitlements</source>
      <translation>पात्र योजनाएँ</translation>
    </message>
    <message>
      <source>Record the selected visit…</source>
      <translation>चुना गया भ्रमण दर्ज करें…</translation>
    </message>
    <message>
      <source>Add a visit outside the schedule…</source>
      <translation>समय-सारणी से बाहर का भ्रमण जोड़ें…</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>अनुवर्ती कार्रवाई</translation>
    </message>
    <message>
      <source>No child-labour case on this record.</source>
      <translation>इस अभिलेख पर बाल श्रम का कोई मामला नहीं।</translation>
    </message>
    <message>
      <source>Open one for a child rescued from work.</source>
      <translation>काम से विमुक्त बच्चे के लिए मामला खोलें।</translation>
    </message>
    <message>
      <source>open</source>
      <translation>खुला</translation>
    </message>
    <message>
      <source>closed</source>
      <translation>बंद</translation>
    </message>
    <message>
      <source>card can be printed</source>
      <translation>पत्र छापा जा सकता है</translation>
    </message>
    <message>
      <source>card after the CWC's final order</source>
      <translation>बाल कल्याण समिति के अंतिम आदेश के बाद पत्र</translation>
    </message>
    <message>
      <source>rescued {0}</source>
      <translation>विमुक्ति {0}</translation>
    </message>
    <message>
      <source>{0} gaps, {1} past their day · paid {2} of {3}</source>
      <translation>{0} कमियाँ, {1} समय-सीमा पार · {3} में से {2} का भुगतान</translation>
    </message>
    <message>
      <source>Found working in</source>
      <translation>किस काम में पाया गया</translation>
    </message>
    <message>
      <source>hazardous</source>
      <translation>खतरनाक</translation>
    </message>
    <message>
      <source>bonded</source>
      <translation>बंधुआ</translation>
    </message>
    <message>
      <source>trafficked</source>
      <translation>दुर्व्यापार</translation>
    </message>
    <message>
      <source>Rescued by</source>
      <translation>विमुक्त कराने वाले</translation>
    </message>
    <message>
      <source>Place</source>
      <translation>स्थान</translation>
    </message>
    <message>
      <source>Employer</source>
      <translation>नियोजक</translation>
    </message>
    <message>
      <source>Wages</source>
      <translation>मज़दूरी</translation>
    </message>
    <message>
      <source>{0} a month; owed {1}</source>
      <translation>{0} प्रति माह; बकाया {1}</translation>
    </message>
    <message>
      <source>FIR</source>
      <translation>प्राथमिकी</translation>
    </message>
    <message>
      <source>Home</source>
      <translation>घर</translation>
    </message>
    <message>
      <source>CWC</source>
      <translation>सीडब्ल्यूसी</translation>
    </message>
    <message>
      <source>produced {0}</source>
      <translation>प्रस्तुत {0}</translation>
    </message>
    <message>
      <source>Final order</source>
      <translation>अंतिम आदेश</translation>
    </message>
    <message>
      <source>Restored</source>
      <translation>पुनर्वासित</translation>
    </message>
    <message>
      <source>home district confirmed {0}</source>
      <translation>गृह जिले द्वारा पुष्टि {0}</translation>
    </message>
    <message>
      <source>Child's account</source>
      <translation>बच्चे का खाता</translation>
    </message>
    <message>
      <source>School</source>
      <translation>विद्यालय</translation>
    </message>
    <message>
      <source>No household recorded yet.</source>
      <translation>अभी परिवार दर्ज नहीं।</translation>
    </message>
    <message>
      <source>ration card: {0}</source>
      <translation>राशन कार्ड: {0}</translation>
    </message>
    <message>
      <source>housing: {0}</source>
      <translation>आवास: {0}</translation>
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
      <source>Age</source>
      <translation>आयु</translation>
    </message>
    <message>
      <source>Occupation</source>
      <translation>व्यवसाय</translation>
    </message>
    <message>
      <source>Alive?</source>
      <translation>जीवित?</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>हाँ</translation>
    </message>
    <message>
      <source>no</source>
      <translation>नहीं</translation>
    </message>
    <message>
      <source>Line</source>
      <translation>मद</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>नियत तिथि</translation>
    </message>
    <message>
      <source>Stage</source>
      <translation>चरण</translation>
    </message>
    <message>
      <source>Ordered</source>
      <translation>आदेशित</translation>
    </message>
    <message>
      <source>Sanctioned</source>
      <translation>स्वीकृत</translation>
    </message>
    <message>
      <source>Paid</source>
      <translation>भुगतान</translation>
    </message>
    <message>
      <source>Reference</source>
      <translation>संदर्भ</translation>
    </message>
    <message>
      <source>Office</source>
      <translation>कार्यालय</translation>
    </message>
    <message>
      <source>Due {0} · ordered {1} · sanctioned {2} · paid {3} · still to pay {4}</source>
      <translation>देय {0} · आदेशित {1} · स्वीकृत {2} · भुगतान {3} · शेष {4}</translation>
    </message>
    <message>
      <source>Department</source>
      <translation>विभाग</translation>
    </message>
    <message>
      <source>Scheme</source>
      <translation>योजना</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>स्थिति</translation>
    </message>
    <message>
      <source>Due by</source>
      <translation>नियत तिथि</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>तिथि</translation>
    </message>
    <message>
      <source>Shaded: eligible and not yet received (gaps). Red: past the day the policy sets.</source>
      <translation>छायांकित: पात्र पर अभी प्राप्त नहीं (कमियाँ)। लाल: नीति द्वारा निर्धारित तिथि बीत चुकी।</translation>
    </message>
    <message>
      <source>Visit</source>
      <translation>भ्रमण</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>हो गया</translation>
    </message>
    <message>
      <source>How</source>
      <translation>कैसे</translation>
    </message>
    <message>
      <source>By</source>
      <translation>द्वारा</translation>
    </message>
    <message>
      <source>In school</source>
      <translation>विद्यालय में</translation>
    </message>
    <message>
      <source>Working again</source>
      <translation>फिर से काम पर</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>परिणाम</translation>
    </message>
    <message>
      <source>another state</source>
      <translation>अन्य राज्य</translation>
    </message>
    <message>
      <source>this state</source>
      <translation>यह राज्य</translation>
    </message>
  </context>
  <context>
    <name>CltsWords</name>
    <message>
      <source>Due amount</source>
      <translation>देय</translation>
    </message>
    <message>
      <source>Ordered</source>
      <translation>आदेशित</translation>
    </message>
    <message>
      <source>Sanctioned</source>
      <translation>स्वीकृत</translation>
    </message>
    <message>
      <source>Paid</source>
      <translation>भुगतान</translation>
    </message>
    <message>
      <source>Refused</source>
      <translation>अस्वीकृत</translation>
    </message>
    <message>
      <source>Eligible</source>
      <translation>पात्र</translation>
    </message>
    <message>
      <source>Applied</source>
      <translation>आवेदन किया</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>प्राप्त</translation>
    </message>
    <message>
      <source>Rejected</source>
      <translation>अस्वीकृत</translation>
    </message>
    <message>
      <source>Not eligible</source>
      <translation>पात्र नहीं</translation>
    </message>
    <message>
      <source>To be assessed</source>
      <translation>आकलन शेष</translation>
    </message>
    <message>
      <source>Home visit</source>
      <translation>गृह भ्रमण</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>फ़ोन</translation>
    </message>
    <message>
      <source>School</source>
      <translation>विद्यालय</translation>
    </message>
    <message>
      <source>At the office</source>
      <translation>कार्यालय में</translation>
    </message>
    <message>
      <source>All right</source>
      <translation>ठीक</translation>
    </message>
    <message>
      <source>Concern</source>
      <translation>चिंता</translation>
    </message>
    <message>
      <source>Missing</source>
      <translation>लापता</translation>
    </message>
    <message>
      <source>Rescued again</source>
      <translation>फिर से विमुक्त</translation>
    </message>
    <message>
      <source>Rural</source>
      <translation>ग्रामीण</translation>
    </message>
    <message>
      <source>Urban</source>
      <translation>शहरी</translation>
    </message>
    <message>
      <source>Pucca</source>
      <translation>पक्का</translation>
    </message>
    <message>
      <source>Semi-pucca</source>
      <translation>अर्ध-पक्का</translation>
    </message>
    <message>
      <source>Kutcha</source>
      <translation>कच्चा</translation>
    </message>
    <message>
      <source>Homeless</source>
      <translation>बेघर</translation>
    </message>
    <message>
      <source>None</source>
      <translation>कोई नहीं</translation>
    </message>
    <message>
      <source>Antyodaya (AAY)</source>
      <translation>अंत्योदय (एएवाई)</translation>
    </message>
    <message>
      <source>Priority household (PHH)</source>
      <translation>पात्र गृहस्थी (पीएचएच)</translation>
    </message>
    <message>
      <source>Another state's card</source>
      <translation>अन्य राज्य का कार्ड</translation>
    </message>
    <message>
      <source>Scheduled Caste</source>
      <translation>अनुसूचित जाति</translation>
    </message>
    <message>
      <source>Scheduled Tribe</source>
      <translation>अनुसूचित जनजाति</translation>
    </message>
    <message>
      <source>Backward class (BC)</source>
      <translation>पिछड़ा वर्ग</translation>
    </message>
    <message>
      <source>Extremely backward class (EBC)</source>
      <translation>अति पिछड़ा वर्ग</translation>
    </message>
    <message>
      <source>General</source>
      <translation>सामान्य</translation>
    </message>
    <message>
      <source>Government school</source>
      <translation>सरकारी विद्यालय</translation>
    </message>
    <message>
      <source>Private school</source>
      <translation>निजी विद्यालय</translation>
    </message>
    <message>
      <source>NCLP / special training centre</source>
      <translation>एनसीएलपी / विशेष प्रशिक्षण केंद्र</translation>
    </message>
    <message>
      <source>Brother</source>
      <translation>भाई</translation>
    </message>
    <message>
      <source>Sister</source>
      <translation>बहन</translation>
    </message>
    <message>
      <source>Spouse</source>
      <translation>पति / पत्नी</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>हाँ</translation>
    </message>
    <message>
      <source>No</source>
      <translation>नहीं</translation>
    </message>
  </context>
  <context>
    <name>CpmisPage</name>
    <message>
      <source>CPMIS quarterly returns</source>
      <translation>सीपीएमआईएस त्रैमासिक प्रतिवेदन</translation>
    </message>
    <message>
      <source>District's decisions (USB)…</source>
      <translation>ज़िले के निर्णय (यूएसबी)…</translation>
    </message>
    <message>
      <source>Make the quarter from its returns</source>
      <translation>प्रतिवेदनों से तिमाही बनाएँ</translation>
    </message>
    <message>
      <source>Monthly returns</source>
      <translation>मासिक प्रतिवेदन</translation>
    </message>
    <message>
      <source>Quarter</source>
      <translation>तिमाही</translation>
    </message>
    <message>
      <source>Choose the USB stick</source>
      <translation>यूएसबी स्टिक चुनें</translation>
    </message>
    <message>
      <source>{n} decision(s) of the district recorded.</source>
      <translation>ज़िले के {n} निर्णय दर्ज किए गए।</translation>
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
    <message>
      <source>Click a bar to see them</source>
      <translation>देखने के लिए किसी बार पर क्लिक करें</translation>
    </message>
  </context>
  <context>
    <name>DistrictCpmisPage</name>
    <message>
      <source>CCIs' returns</source>
      <translation>संस्थाओं के प्रतिवेदन</translation>
    </message>
    <message>
      <source>CWC and JJB returns</source>
      <translation>बाल कल्याण समिति एवं किशोर न्याय बोर्ड के प्रतिवेदन</translation>
    </message>
    <message>
      <source>District quarter</source>
      <translation>ज़िले की तिमाही</translation>
    </message>
    <message>
      <source>CCI</source>
      <translation>संस्था</translation>
    </message>
    <message>
      <source>Month</source>
      <translation>माह</translation>
    </message>
    <message>
      <source>Version</source>
      <translation>संस्करण</translation>
    </message>
    <message>
      <source>State here</source>
      <translation>यहाँ स्थिति</translation>
    </message>
    <message>
      <source>Signature</source>
      <translation>हस्ताक्षर</translation>
    </message>
    <message>
      <source>Submitted</source>
      <translation>प्रस्तुत</translation>
    </message>
    <message>
      <source>Accept</source>
      <translation>स्वीकार करें</translation>
    </message>
    <message>
      <source>Send back…</source>
      <translation>वापस भेजें…</translation>
    </message>
    <message>
      <source>Write the decisions to USB…</source>
      <translation>निर्णय यूएसबी पर लिखें…</translation>
    </message>
    <message>
      <source>Committee / Board:</source>
      <translation>समिति / बोर्ड:</translation>
    </message>
    <message>
      <source>Consolidate the quarter</source>
      <translation>तिमाही का समेकन करें</translation>
    </message>
    <message>
      <source>Import a DevInfo spreadsheet…</source>
      <translation>डेवइन्फो स्प्रेडशीट आयात करें…</translation>
    </message>
    <message>
      <source>valid</source>
      <translation>मान्य</translation>
    </message>
    <message>
      <source>not signed</source>
      <translation>हस्ताक्षर नहीं</translation>
    </message>
    <message>
      <source>does not verify</source>
      <translation>सत्यापित नहीं</translation>
    </message>
    <message>
      <source>content changed</source>
      <translation>सामग्री बदली गई</translation>
    </message>
    <message>
      <source>Send the return back</source>
      <translation>प्रतिवेदन वापस भेजें</translation>
    </message>
    <message>
      <source>Why does the return go back to the CCI?</source>
      <translation>प्रतिवेदन संस्था को वापस क्यों जा रहा है?</translation>
    </message>
    <message>
      <source>{cci}, {month}: {decision}</source>
      <translation>{cci}, {month}: {decision}</translation>
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
      <source>Choose the USB stick</source>
      <translation>यूएसबी स्टिक चुनें</translation>
    </message>
    <message>
      <source>{n} decision(s) written to the stick.</source>
      <translation>{n} निर्णय स्टिक पर लिखे गए।</translation>
    </message>
    <message>
      <source>{q}: {n} bodies, {r} returns consolidated.</source>
      <translation>{q}: {n} निकाय, {r} प्रतिवेदन समेकित।</translation>
    </message>
    <message>
      <source>Provisional: {p}</source>
      <translation>अनंतिम: {p}</translation>
    </message>
    <message>
      <source>DevInfo spreadsheet</source>
      <translation>डेवइन्फो स्प्रेडशीट</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>आयात</translation>
    </message>
    <message>
      <source>Import these values?</source>
      <translation>ये आँकड़े आयात करें?</translation>
    </message>
  </context>
  <context>
    <name>DistrictCpmisScreen</name>
    <message>
      <source>This install is not a district office.</source>
      <translation>यह स्थापना ज़िला कार्यालय की नहीं है।</translation>
    </message>
    <message>
      <source>CPMIS: district {d}</source>
      <translation>सीपीएमआईएस: ज़िला {d}</translation>
    </message>
  </context>
  <context>
    <name>DistrictDashboardScreen</name>
    <message>
      <source>All CCIs</source>
      <translation>सभी संस्थाएँ</translation>
    </message>
    <message>
      <source>Save every table (Excel)</source>
      <translation>हर तालिका सहेजें (एक्सेल)</translation>
    </message>
    <message>
      <source>Saved {0}.</source>
      <translation>{0} सहेजा गया।</translation>
    </message>
    <message>
      <source>CCI:</source>
      <translation>संस्था:</translation>
    </message>
    <message>
      <source>Save every table (Excel)…</source>
      <translation>हर तालिका सहेजें (एक्सेल)…</translation>
    </message>
  </context>
  <context>
    <name>DistrictIdentityPage</name>
    <message>
      <source>Same child in other homes</source>
      <translation>दूसरे गृहों में वही बच्चा</translation>
    </message>
    <message>
      <source>Children of two different homes of the district who may be the same child (names in Hindi or English, date of birth, gender, guardians). Confirm: the two records are linked as one child with two stays. Not the same: the pair is not shown again.</source>
      <translation>जिले के दो अलग-अलग गृहों के बच्चे जो शायद एक ही बच्चा हों (हिंदी या अंग्रेज़ी में नाम, जन्म तिथि, लिंग, अभिभावक)। पुष्टि करें: दोनों रिकॉर्ड एक ही बच्चे के दो प्रवास के रूप में जुड़ जाते हैं। एक नहीं: यह जोड़ी फिर नहीं दिखाई जाती।</translation>
    </message>
    <message>
      <source>Score</source>
      <translation>अंक</translation>
    </message>
    <message>
      <source>Child in one home</source>
      <translation>एक गृह का बच्चा</translation>
    </message>
    <message>
      <source>Child in the other home</source>
      <translation>दूसरे गृह का बच्चा</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>क्यों</translation>
    </message>
    <message>
      <source>Absconded or missing from</source>
      <translation>यहाँ से भागा या लापता</translation>
    </message>
    <message>
      <source>Admitted later at</source>
      <translation>बाद में यहाँ दाखिल</translation>
    </message>
    <message>
      <source>Possible same child</source>
      <translation>शायद वही बच्चा</translation>
    </message>
    <message>
      <source>Absconded, admitted again</source>
      <translation>भागा, फिर दाखिल</translation>
    </message>
    <message>
      <source>Same child (Alt+S)</source>
      <translation>वही बच्चा (Alt+S)</translation>
    </message>
    <message>
      <source>Not the same (Alt+N)</source>
      <translation>एक नहीं (Alt+N)</translation>
    </message>
    <message>
      <source>Look again (F5)</source>
      <translation>फिर से देखें (F5)</translation>
    </message>
    <message>
      <source>This computer is not set up as a district office.</source>
      <translation>यह कंप्यूटर जिला कार्यालय के रूप में तैयार नहीं है।</translation>
    </message>
    <message>
      <source>left on {0}</source>
      <translation>{0} को छोड़ा</translation>
    </message>
    <message>
      <source>admitted on {0}</source>
      <translation>{0} को दाखिल</translation>
    </message>
    <message>
      <source>{0} pair(s) may be the same child; {1} absconded or missing child(ren) may have been admitted again.</source>
      <translation>{0} जोड़ी शायद एक ही बच्चा है; {1} भागे या लापता बच्चे शायद फिर से दाखिल हुए हैं।</translation>
    </message>
    <message>
      <source>Choose a pair in the list first.</source>
      <translation>पहले सूची में एक जोड़ी चुनें।</translation>
    </message>
    <message>
      <source>Linked as one child with two stays.</source>
      <translation>एक ही बच्चे के दो प्रवास के रूप में जोड़ा गया।</translation>
    </message>
    <message>
      <source>Not the same child: this pair will not be shown again.</source>
      <translation>एक ही बच्चा नहीं: यह जोड़ी फिर नहीं दिखाई जाएगी।</translation>
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
      <source>Save every table (Excel)…</source>
      <translation>हर तालिका सहेजें (एक्सेल)…</translation>
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
      <source>Days since</source>
      <translation>कितने दिन हुए</translation>
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
      <source>Not heard from for more than {0} days</source>
      <translation>{0} दिनों से अधिक समय से कोई सूचना नहीं</translation>
    </message>
    <message>
      <source>{0} CCI(s) not heard from for more than {1} days (in red).</source>
      <translation>{0} संस्था(एँ) जिनसे {1} दिनों से अधिक समय से कोई सूचना नहीं (लाल रंग में)।</translation>
    </message>
    <message>
      <source>Save every table (Excel)</source>
      <translation>हर तालिका सहेजें (एक्सेल)</translation>
    </message>
    <message>
      <source>Saved {0}.</source>
      <translation>{0} सहेजा गया।</translation>
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
      <source>{0} district review(s) sent back to the CCIs in the receipts.</source>
      <translation>{0} जिला समीक्षा(एँ) रसीदों में संस्थाओं को वापस भेजी गईं।</translation>
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
      <source>The state office has the {n} CWC/JJB return(s).</source>
      <translation>राज्य कार्यालय के पास {n} सीडब्ल्यूसी/जेजेबी विवरणियाँ हैं।</translation>
    </message>
    <message>
      <source>{n} transfer packet(s) fetched: they go on the next USB stick of their CCI.</source>
      <translation>{n} स्थानांतरण पैकेट लाए गए: ये अपनी संस्था की अगली यूएसबी स्टिक पर जाएँगे।</translation>
    </message>
    <message>
      <source>{n} transfer packet(s) from the USB sticks handed on to the state office.</source>
      <translation>यूएसबी स्टिक से आए {n} स्थानांतरण पैकेट राज्य कार्यालय को आगे भेजे गए।</translation>
    </message>
    <message>
      <source>Stopped: {why}</source>
      <translation>रुक गया: {why}</translation>
    </message>
  </context>
  <context>
    <name>DistrictQueuePage</name>
    <message>
      <source>District review queue</source>
      <translation>जिला समीक्षा सूची</translation>
    </message>
    <message>
      <source>Acknowledge…</source>
      <translation>स्वीकार करें…</translation>
    </message>
    <message>
      <source>Resolve with a reason…</source>
      <translation>कारण सहित निपटाएँ…</translation>
    </message>
    <message>
      <source>Past due only</source>
      <translation>केवल देय तिथि बीत चुके</translation>
    </message>
    <message>
      <source>CCI:</source>
      <translation>संस्था:</translation>
    </message>
    <message>
      <source>Every CCI of the district</source>
      <translation>जिले की हर संस्था</translation>
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
      <source>Due on</source>
      <translation>नियत तिथि</translation>
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
      <source>Rule</source>
      <translation>नियम</translation>
    </message>
    <message>
      <source>Child</source>
      <translation>बच्चा</translation>
    </message>
    <message>
      <source>District action</source>
      <translation>जिले की कार्रवाई</translation>
    </message>
    <message>
      <source>{0} on {1} (goes to the CCI with its next receipt)</source>
      <translation>{0}, {1} (संस्था की अगली रसीद के साथ जाएगा)</translation>
    </message>
    <message>
      <source>District {0} on {1}</source>
      <translation>जिला: {0}, {1}</translation>
    </message>
    <message>
      <source>acknowledged</source>
      <translation>संज्ञान लिया</translation>
    </message>
    <message>
      <source>resolved</source>
      <translation>निपटाया</translation>
    </message>
    <message>
      <source>This computer is not set up as a district office.</source>
      <translation>यह कंप्यूटर जिला कार्यालय के रूप में तैयार नहीं है।</translation>
    </message>
    <message>
      <source>{0} flag(s) escalated to the district and above; {1} past due.</source>
      <translation>जिले और उससे ऊपर भेजे गए {0} फ़्लैग; {1} की देय तिथि बीत चुकी।</translation>
    </message>
    <message>
      <source>The first {0} are shown.</source>
      <translation>पहले {0} दिखाए गए हैं।</translation>
    </message>
    <message>
      <source>Choose a flag in the list first.</source>
      <translation>पहले सूची में एक फ़्लैग चुनें।</translation>
    </message>
    <message>
      <source>Acknowledge the flag</source>
      <translation>फ़्लैग स्वीकार करें</translation>
    </message>
    <message>
      <source>Resolve the flag</source>
      <translation>फ़्लैग निपटाएँ</translation>
    </message>
    <message>
      <source>{0} at {1}: what has the district done or decided?</source>
      <translation>{0}, {1}: जिले ने क्या किया या तय किया?</translation>
    </message>
    <message>
      <source>Saved. It goes to {0} with the receipt of its next bundle.</source>
      <translation>सहेजा गया। यह {0} के अगले बंडल की रसीद के साथ वहाँ जाएगा।</translation>
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
      <source>Correct a change…</source>
      <translation>किसी बदलाव को सुधारें…</translation>
    </message>
    <message>
      <source>Correct the day, reason or CWC order of a category change</source>
      <translation>श्रेणी बदलाव की तारीख़, कारण या सीडब्ल्यूसी आदेश सुधारें</translation>
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
      <source>– choose –</source>
      <translation>– चुनें –</translation>
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
    <name>Duplicates</name>
    <message>
      <source>name sounds alike: {0} ({1}%)</source>
      <translation>नाम मिलता-जुलता: {0} ({1}%)</translation>
    </message>
    <message>
      <source>given name alike, surname differs: {0} ({1}%)</source>
      <translation>पहला नाम मिलता-जुलता, उपनाम अलग: {0} ({1}%)</translation>
    </message>
    <message>
      <source>same date of birth ({0})</source>
      <translation>जन्म तिथि वही ({0})</translation>
    </message>
    <message>
      <source>born {0} days apart (estimated)</source>
      <translation>जन्म में {0} दिन का अंतर (अनुमानित)</translation>
    </message>
    <message>
      <source>born {0} days apart</source>
      <translation>जन्म में {0} दिन का अंतर</translation>
    </message>
    <message>
      <source>recorded with another gender ({0})</source>
      <translation>दूसरे लिंग के साथ दर्ज ({0})</translation>
    </message>
    <message>
      <source>guardian name alike: {0} ({1}%)</source>
      <translation>अभिभावक का नाम मिलता-जुलता: {0} ({1}%)</translation>
    </message>
    <message>
      <source>identification marks alike: {0} ({1}%)</source>
      <translation>पहचान चिह्न मिलते-जुलते: {0} ({1}%)</translation>
    </message>
    <message>
      <source>same languages: {0}</source>
      <translation>वही भाषाएँ: {0}</translation>
    </message>
    <message>
      <source>same Aadhaar number</source>
      <translation>आधार संख्या वही</translation>
    </message>
    <message>
      <source>same photo</source>
      <translation>वही फ़ोटो</translation>
    </message>
    <message>
      <source>different Aadhaar numbers</source>
      <translation>अलग-अलग आधार नंबर</translation>
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
    <message>
      <source>Only the superintendent can correct a decision.</source>
      <translation>केवल अधीक्षक ही किसी निर्णय को सुधार सकते हैं।</translation>
    </message>
    <message>
      <source>Reason for the correction</source>
      <translation>सुधार का कारण</translation>
    </message>
    <message>
      <source>Correct a category change</source>
      <translation>श्रेणी बदलाव सुधारें</translation>
    </message>
    <message>
      <source>From *</source>
      <translation>से *</translation>
    </message>
    <message>
      <source>Reason *</source>
      <translation>कारण *</translation>
    </message>
    <message>
      <source>CWC order</source>
      <translation>सीडब्ल्यूसी आदेश</translation>
    </message>
    <message>
      <source>{0}: from {1} to {2}</source>
      <translation>{0}: {1} से {2}</translation>
    </message>
    <message>
      <source>Which change?</source>
      <translation>कौन-सा बदलाव?</translation>
    </message>
    <message>
      <source>Correct the transfer</source>
      <translation>स्थानांतरण सुधारें</translation>
    </message>
    <message>
      <source>Other institution *</source>
      <translation>दूसरी संस्था *</translation>
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
      <source>Correct how the child left care</source>
      <translation>बच्चे के देखरेख छोड़ने का विवरण सुधारें</translation>
    </message>
    <message>
      <source>Reason / details *</source>
      <translation>कारण / विवरण *</translation>
    </message>
    <message>
      <source>CWC order number</source>
      <translation>सीडब्ल्यूसी आदेश संख्या</translation>
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
      <source>Receiving CCI *</source>
      <translation>पाने वाली संस्था (CCI) *</translation>
    </message>
    <message>
      <source>A home outside the system (name it below)</source>
      <translation>प्रणाली से बाहर का गृह (नीचे नाम लिखें)</translation>
    </message>
    <message>
      <source>Home outside the system</source>
      <translation>प्रणाली से बाहर का गृह</translation>
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
      <source>Correct how the case closed…</source>
      <translation>मामला बंद होने का विवरण सुधारें…</translation>
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
      <source>{name} (district {code})</source>
      <translation>{name} (ज़िला {code})</translation>
    </message>
    <message>
      <source>{state}: {name} (district {district})</source>
      <translation>{state}: {name} (ज़िला {district})</translation>
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
      <source>Record the transfer? The case closes here, and the child's whole record goes to the receiving CCI at the next sync.</source>
      <translation>स्थानांतरण दर्ज करें? मामला यहाँ बंद हो जाएगा, और बच्चे का पूरा अभिलेख अगले सिंक पर पाने वाली संस्था को जाएगा।</translation>
    </message>
    <message>
      <source>Record the transfer? The case closes here.</source>
      <translation>स्थानांतरण दर्ज करें? यहाँ मामला बंद हो जाएगा।</translation>
    </message>
  </context>
  <context>
    <name>Fields</name>
    <message>
      <source>First name</source>
      <translation>पहला नाम</translation>
    </message>
    <message>
      <source>Last name</source>
      <translation>उपनाम</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>नाम</translation>
    </message>
    <message>
      <source>Name in Hindi / local script</source>
      <translation>हिन्दी / स्थानीय लिपि में नाम</translation>
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
      <source>Age (estimate)</source>
      <translation>आयु (अनुमान)</translation>
    </message>
    <message>
      <source>Aadhaar number</source>
      <translation>आधार संख्या</translation>
    </message>
    <message>
      <source>Admission date</source>
      <translation>प्रवेश की तारीख़</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>श्रेणी</translation>
    </message>
    <message>
      <source>Guardian</source>
      <translation>अभिभावक</translation>
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
      <source>Relation</source>
      <translation>संबंध</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>फ़ोन</translation>
    </message>
    <message>
      <source>Date of the visit</source>
      <translation>मुलाक़ात की तारीख़</translation>
    </message>
    <message>
      <source>Visitor's name</source>
      <translation>मिलने आने वाले का नाम</translation>
    </message>
    <message>
      <source>How</source>
      <translation>कैसे</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>कारण</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>टिप्पणी</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>तिथि</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>स्थिति</translation>
    </message>
    <message>
      <source>File</source>
      <translation>फ़ाइल</translation>
    </message>
    <message>
      <source>Photo</source>
      <translation>फ़ोटो</translation>
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
    <message>
      <source>User name</source>
      <translation>उपयोगकर्ता नाम</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>पूरा नाम</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>पासवर्ड</translation>
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
      <source>Role</source>
      <translation>भूमिका</translation>
    </message>
    <message>
      <source>Districts</source>
      <translation>ज़िले</translation>
    </message>
    <message>
      <source>Minutes</source>
      <translation>मिनट</translation>
    </message>
    <message>
      <source>Account</source>
      <translation>खाता</translation>
    </message>
    <message>
      <source>Type of institution</source>
      <translation>संस्था का प्रकार</translation>
    </message>
    <message>
      <source>Registration number</source>
      <translation>पंजीकरण संख्या</translation>
    </message>
    <message>
      <source>Alive?</source>
      <translation>जीवित?</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>पता</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>टिप्पणियाँ</translation>
    </message>
    <message>
      <source>Visit</source>
      <translation>मुलाक़ात</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>दस्तावेज़</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>आदेश संख्या</translation>
    </message>
    <message>
      <source>Order date</source>
      <translation>आदेश की तारीख़</translation>
    </message>
    <message>
      <source>Kind of order</source>
      <translation>आदेश का प्रकार</translation>
    </message>
    <message>
      <source>CWC order number</source>
      <translation>सीडब्ल्यूसी आदेश संख्या</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>सारांश</translation>
    </message>
    <message>
      <source>Next review on</source>
      <translation>अगली समीक्षा की तिथि</translation>
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
      <source>Prepared on</source>
      <translation>बनाने की तारीख़</translation>
    </message>
    <message>
      <source>Review due on</source>
      <translation>समीक्षा की नियत तिथि</translation>
    </message>
    <message>
      <source>Stage</source>
      <translation>चरण</translation>
    </message>
    <message>
      <source>From</source>
      <translation>से</translation>
    </message>
    <message>
      <source>Date of leaving</source>
      <translation>छोड़ने की तारीख़</translation>
    </message>
    <message>
      <source>To which institution</source>
      <translation>किस संस्था को</translation>
    </message>
    <message>
      <source>Date of transfer</source>
      <translation>स्थानांतरण की तारीख़</translation>
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
      <source>Languages spoken</source>
      <translation>बोली जाने वाली भाषाएँ</translation>
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
    <name>FlagActions</name>
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
    <name>FlagsPanel</name>
    <message>
      <source>Acknowledge…</source>
      <translation>स्वीकार करें…</translation>
    </message>
    <message>
      <source>Say you have seen it and what you are doing about it</source>
      <translation>बताएँ कि आपने इसे देख लिया है और इस पर क्या कर रहे हैं</translation>
    </message>
    <message>
      <source>Resolve…</source>
      <translation>निपटाएँ…</translation>
    </message>
    <message>
      <source>Close the flag because the work is done</source>
      <translation>काम पूरा हो गया है, इसलिए फ़्लैग बंद करें</translation>
    </message>
    <message>
      <source>Open flags ({0})</source>
      <translation>खुले फ़्लैग ({0})</translation>
    </message>
    <message>
      <source>No open flags</source>
      <translation>कोई खुला फ़्लैग नहीं</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>नियत तिथि</translation>
    </message>
    <message>
      <source>Severity</source>
      <translation>गंभीरता</translation>
    </message>
    <message>
      <source>What needs doing</source>
      <translation>क्या करना है</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>स्थिति</translation>
    </message>
    <message>
      <source>Acknowledged by {0} on {1}.</source>
      <translation>{0} ने {1} को स्वीकार किया।</translation>
    </message>
  </context>
  <context>
    <name>FormDialog</name>
    <message>
      <source>Cancel</source>
      <translation>रद्द करें</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>सहेजें</translation>
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
      <source>Children's Home</source>
      <translation>बाल गृह</translation>
    </message>
    <message>
      <source>Open Shelter</source>
      <translation>खुला आश्रय</translation>
    </message>
    <message>
      <source>Observation Home</source>
      <translation>संप्रेक्षण गृह</translation>
    </message>
    <message>
      <source>Special Home</source>
      <translation>विशेष गृह</translation>
    </message>
    <message>
      <source>Place of Safety</source>
      <translation>सुरक्षित स्थान</translation>
    </message>
    <message>
      <source>Specialised Adoption Agency (SAA)</source>
      <translation>विशेषीकृत दत्तक ग्रहण अभिकरण (SAA)</translation>
    </message>
    <message>
      <source>Fit Facility</source>
      <translation>उपयुक्त सुविधा</translation>
    </message>
    <message>
      <source>After-care Organisation</source>
      <translation>पश्चात्‌वर्ती देखरेख संगठन</translation>
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
      <source>&amp;Keyboard shortcuts</source>
      <translation>कीबोर्ड शॉर्टकट (&amp;K)</translation>
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
    <message>
      <source>Child labour</source>
      <translation>बाल श्रम</translation>
    </message>
    <message>
      <source>CCIs of the district</source>
      <translation>जिले की संस्थाएँ</translation>
    </message>
    <message>
      <source>District review queue</source>
      <translation>जिला समीक्षा सूची</translation>
    </message>
    <message>
      <source>CPMIS returns</source>
      <translation>सीपीएमआईएस प्रतिवेदन</translation>
    </message>
    <message>
      <source>District office</source>
      <translation>ज़िला कार्यालय</translation>
    </message>
    <message>
      <source>CPMIS (district)</source>
      <translation>सीपीएमआईएस (ज़िला)</translation>
    </message>
    <message>
      <source>District dashboard</source>
      <translation>जिला डैशबोर्ड</translation>
    </message>
    <message>
      <source>Transfers</source>
      <translation>स्थानांतरण</translation>
    </message>
    <message>
      <source>One child, two homes</source>
      <translation>एक बच्चा, दो गृह</translation>
    </message>
  </context>
  <context>
    <name>MergeDialog</name>
    <message>
      <source>First name</source>
      <translation>पहला नाम</translation>
    </message>
    <message>
      <source>Last name</source>
      <translation>उपनाम</translation>
    </message>
    <message>
      <source>Name (Hindi)</source>
      <translation>नाम (हिंदी)</translation>
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
      <source>Aadhaar</source>
      <translation>आधार</translation>
    </message>
    <message>
      <source>Photo</source>
      <translation>फ़ोटो</translation>
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
      <source>Admission date</source>
      <translation>प्रवेश की तारीख़</translation>
    </message>
    <message>
      <source>Brought by</source>
      <translation>कौन लाया</translation>
    </message>
    <message>
      <source>Admission order no.</source>
      <translation>प्रवेश आदेश सं.</translation>
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
      <source>guardians</source>
      <translation>अभिभावक</translation>
    </message>
    <message>
      <source>visits</source>
      <translation>मुलाक़ातें</translation>
    </message>
    <message>
      <source>category changes</source>
      <translation>श्रेणी परिवर्तन</translation>
    </message>
    <message>
      <source>documents</source>
      <translation>दस्तावेज़</translation>
    </message>
    <message>
      <source>CWC orders</source>
      <translation>सीडब्ल्यूसी आदेश</translation>
    </message>
    <message>
      <source>social investigations</source>
      <translation>सामाजिक जाँच</translation>
    </message>
    <message>
      <source>care plans</source>
      <translation>देखभाल योजनाएँ</translation>
    </message>
    <message>
      <source>notes</source>
      <translation>टिप्पणियाँ</translation>
    </message>
    <message>
      <source>adoption stages</source>
      <translation>दत्तक ग्रहण चरण</translation>
    </message>
    <message>
      <source>transfers</source>
      <translation>स्थानांतरण</translation>
    </message>
    <message>
      <source>flags</source>
      <translation>फ़्लैग</translation>
    </message>
    <message>
      <source>requests</source>
      <translation>अनुरोध</translation>
    </message>
    <message>
      <source>child-labour cases</source>
      <translation>बाल श्रम मामले</translation>
    </message>
    <message>
      <source>Merge two records of the same child</source>
      <translation>एक ही बच्चे के दो अभिलेखों का विलय</translation>
    </message>
    <message>
      <source>&amp;Keep the other record instead</source>
      <translation>इसके बजाय दूसरा अभिलेख रखें (&amp;K)</translation>
    </message>
    <message>
      <source>Why these are the same child (for example: same father, same CWC order)</source>
      <translation>ये एक ही बच्चा क्यों हैं (उदाहरण: वही पिता, वही सीडब्ल्यूसी आदेश)</translation>
    </message>
    <message>
      <source>&amp;Merge</source>
      <translation>विलय करें (&amp;M)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>रद्द करें</translation>
    </message>
    <message>
      <source>Reason:</source>
      <translation>कारण:</translation>
    </message>
    <message>
      <source>{0} is kept; {1} is merged into it: its guardians, visits, orders, documents, notes and flags move to {0}, and {1} then only points to {0}. Choose whose value stays for each line (Tab: next line; arrows, K or G: choose).</source>
      <translation>{0} रखा जाता है; {1} उसमें विलय होता है: उसके अभिभावक, मुलाक़ातें, आदेश, दस्तावेज़, टिप्पणियाँ और फ़्लैग {0} पर चले जाते हैं, और {1} फिर केवल {0} की ओर संकेत करता है। हर पंक्ति के लिए चुनें कि किसका मान रहे (Tab: अगली पंक्ति; तीर, K या G: चुनें)।</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>क्षेत्र</translation>
    </message>
    <message>
      <source>Keep: {0}</source>
      <translation>रखें: {0}</translation>
    </message>
    <message>
      <source>Merge away: {0}</source>
      <translation>विलय करके हटाएँ: {0}</translation>
    </message>
    <message>
      <source>Moves to {0}: {1}.</source>
      <translation>{0} पर जाते हैं: {1}।</translation>
    </message>
    <message>
      <source>nothing</source>
      <translation>कुछ नहीं</translation>
    </message>
    <message>
      <source>The same in both records</source>
      <translation>दोनों अभिलेखों में एक जैसा</translation>
    </message>
  </context>
  <context>
    <name>MonthList</name>
    <message>
      <source>Monthly returns</source>
      <translation>मासिक प्रतिवेदन</translation>
    </message>
    <message>
      <source>Start this month's return</source>
      <translation>इस माह का प्रतिवेदन शुरू करें</translation>
    </message>
    <message>
      <source>not started</source>
      <translation>शुरू नहीं</translation>
    </message>
    <message>
      <source>draft</source>
      <translation>मसौदा</translation>
    </message>
    <message>
      <source>submitted</source>
      <translation>प्रस्तुत</translation>
    </message>
    <message>
      <source>accepted</source>
      <translation>स्वीकृत</translation>
    </message>
    <message>
      <source>returned: correct it</source>
      <translation>वापस आया: सुधारें</translation>
    </message>
    <message>
      <source>consolidated</source>
      <translation>समेकित</translation>
    </message>
    <message>
      <source>replaced</source>
      <translation>बदला गया</translation>
    </message>
    <message>
      <source>{m}: no return yet. Start it with the button on the left.</source>
      <translation>{m}: अभी कोई प्रतिवेदन नहीं। बाईं ओर के बटन से शुरू करें।</translation>
    </message>
  </context>
  <context>
    <name>OfficePage</name>
    <message>
      <source>Your district office</source>
      <translation>आपका जिला कार्यालय</translation>
    </message>
    <message>
      <source>The office gets its own key: the CCIs of the district seal their bundles to it, and it signs their receipts. * is needed.</source>
      <translation>कार्यालय को अपनी कुंजी मिलती है: जिले की संस्थाएँ अपने बंडल इसके लिए सील करती हैं, और यह उनकी रसीदों पर हस्ताक्षर करता है। * आवश्यक है।</translation>
    </message>
    <message>
      <source>Name of the office *</source>
      <translation>कार्यालय का नाम *</translation>
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
      <source>Passphrase for the office's key *</source>
      <translation>कार्यालय की कुंजी का पासफ़्रेज़ *</translation>
    </message>
    <message>
      <source>Passphrase again *</source>
      <translation>पासफ़्रेज़ दोबारा *</translation>
    </message>
    <message>
      <source>Write the passphrase down and keep it locked away: without it nobody can read the bundles the CCIs send. At least 8 characters.</source>
      <translation>पासफ़्रेज़ लिखकर ताले में रखें: इसके बिना संस्थाओं के भेजे बंडल कोई नहीं पढ़ सकता। कम से कम 8 अक्षर।</translation>
    </message>
    <message>
      <source>Name of the office: please fill this in.</source>
      <translation>कार्यालय का नाम: कृपया भरें।</translation>
    </message>
    <message>
      <source>Passphrase: at least 8 characters.</source>
      <translation>पासफ़्रेज़: कम से कम 8 अक्षर।</translation>
    </message>
    <message>
      <source>Passphrase again: is not the same as the passphrase above.</source>
      <translation>पासफ़्रेज़ दोबारा: ऊपर वाले पासफ़्रेज़ से मेल नहीं खाता।</translation>
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
      <source>Merge with another record…</source>
      <translation>दूसरे अभिलेख के साथ विलय…</translation>
    </message>
    <message>
      <source>The same child registered twice in this home: keep one record</source>
      <translation>इस गृह में एक ही बच्चा दो बार पंजीकृत: एक अभिलेख रखें</translation>
    </message>
    <message>
      <source>Compare and merge…</source>
      <translation>तुलना करें और विलय करें…</translation>
    </message>
    <message>
      <source>This child may be registered twice: {0} {1} ({2}%: {3}).</source>
      <translation>यह बच्चा शायद दो बार पंजीकृत है: {0} {1} ({2}%: {3})।</translation>
    </message>
    <message>
      <source>Requests for the superintendent's approval</source>
      <translation>अधीक्षक की स्वीकृति के लिए अनुरोध</translation>
    </message>
    <message>
      <source>Withdraw my request: {0}…</source>
      <translation>मेरा अनुरोध वापस लें: {0}…</translation>
    </message>
    <message>
      <source>Take the request back before the superintendent decides</source>
      <translation>अधीक्षक के निर्णय से पहले अनुरोध वापस लें</translation>
    </message>
    <message>
      <source>Withdraw your request?</source>
      <translation>क्या आप अपना अनुरोध वापस लेना चाहते हैं?</translation>
    </message>
    <message>
      <source>Withdraw the request</source>
      <translation>अनुरोध वापस लें</translation>
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
    <name>PassphraseDialog</name>
    <message>
      <source>CLMS Desktop – data passphrase</source>
      <translation>CLMS डेस्कटॉप – डेटा पासफ़्रेज़</translation>
    </message>
    <message>
      <source>This computer has no keyring, so the case data is protected by a passphrase. Choose one of at least 12 characters (a few words work well) and keep it safe: it is asked each time CLMS starts.</source>
      <translation>इस कंप्यूटर में कीरिंग नहीं है, इसलिए केस डेटा एक पासफ़्रेज़ से सुरक्षित है। कम से कम 12 अक्षरों का पासफ़्रेज़ चुनें (कुछ शब्द अच्छे रहते हैं) और उसे सुरक्षित रखें: CLMS हर बार शुरू होने पर इसे पूछता है।</translation>
    </message>
    <message>
      <source>Enter the passphrase that protects the case data on this computer.</source>
      <translation>इस कंप्यूटर पर केस डेटा की सुरक्षा करने वाला पासफ़्रेज़ लिखें।</translation>
    </message>
    <message>
      <source>Passphrase</source>
      <translation>पासफ़्रेज़</translation>
    </message>
    <message>
      <source>Passphrase again</source>
      <translation>पासफ़्रेज़ दोबारा</translation>
    </message>
    <message>
      <source>Enter the passphrase.</source>
      <translation>पासफ़्रेज़ लिखें।</translation>
    </message>
    <message>
      <source>The two passphrases are not the same.</source>
      <translation>दोनों पासफ़्रेज़ एक जैसे नहीं हैं।</translation>
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
      <source>1 year</source>
      <translation>1 वर्ष</translation>
    </message>
    <message>
      <source>{0} years</source>
      <translation>{0} वर्ष</translation>
    </message>
    <message>
      <source>1 month</source>
      <translation>1 माह</translation>
    </message>
    <message>
      <source>{0} months</source>
      <translation>{0} माह</translation>
    </message>
    <message>
      <source>1 day</source>
      <translation>1 दिन</translation>
    </message>
    <message>
      <source>{0} days</source>
      <translation>{0} दिन</translation>
    </message>
    <message>
      <source>← Back to the list</source>
      <translation>← सूची पर वापस</translation>
    </message>
    <message>
      <source>Esc or Alt+Left</source>
      <translation>Esc या Alt+बायाँ तीर</translation>
    </message>
    <message>
      <source>Undo the merge…</source>
      <translation>विलय वापस लें…</translation>
    </message>
    <message>
      <source>Not the same child after all: this record becomes a child of its own again</source>
      <translation>आख़िरकार एक ही बच्चा नहीं: यह अभिलेख फिर से एक अलग बच्चे का हो जाता है</translation>
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
    <message>
      <source>Child labour</source>
      <translation>बाल श्रम</translation>
    </message>
    <message>
      <source>Merged into {0}</source>
      <translation>{0} में विलय</translation>
    </message>
    <message>
      <source>Open {0}</source>
      <translation>{0} खोलें</translation>
    </message>
    <message>
      <source>Undo the merge</source>
      <translation>विलय वापस लें</translation>
    </message>
    <message>
      <source>Why are these not the same child? (kept in the audit trail)</source>
      <translation>ये एक ही बच्चा क्यों नहीं हैं? (लेखा परीक्षण सूची में रखा जाता है)</translation>
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
    <name>QWizard</name>
    <message>
      <source>&lt; &amp;Back</source>
      <translation>&lt; पीछे (&amp;B)</translation>
    </message>
    <message>
      <source>&amp;Next &gt;</source>
      <translation>आगे (&amp;N) &gt;</translation>
    </message>
    <message>
      <source>&amp;Finish</source>
      <translation>समाप्त (&amp;F)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>रद्द करें</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>सहायता (&amp;H)</translation>
    </message>
    <message>
      <source>Go Back</source>
      <translation>पीछे जाएँ</translation>
    </message>
    <message>
      <source>Continue</source>
      <translation>जारी रखें</translation>
    </message>
    <message>
      <source>Commit</source>
      <translation>पक्का करें</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>हो गया</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>बंद करें</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>सहायता</translation>
    </message>
  </context>
  <context>
    <name>QuarterBar</name>
    <message>
      <source>Quarter:</source>
      <translation>तिमाही:</translation>
    </message>
    <message>
      <source>Factsheet PDF…</source>
      <translation>तथ्य-पत्र पीडीएफ़…</translation>
    </message>
    <message>
      <source>DevInfo spreadsheet…</source>
      <translation>डेवइन्फो स्प्रेडशीट…</translation>
    </message>
    <message>
      <source>Save the factsheet</source>
      <translation>तथ्य-पत्र सहेजें</translation>
    </message>
    <message>
      <source>Factsheet saved: {p}</source>
      <translation>तथ्य-पत्र सहेजा गया: {p}</translation>
    </message>
    <message>
      <source>Save the DevInfo spreadsheet</source>
      <translation>डेवइन्फो स्प्रेडशीट सहेजें</translation>
    </message>
    <message>
      <source>{n} values written to {p}</source>
      <translation>{n} आँकड़े {p} में लिखे गए</translation>
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
    <name>RecoverDialog</name>
    <message>
      <source>CLMS Desktop – recovery key</source>
      <translation>CLMS डेस्कटॉप – रिकवरी कुंजी</translation>
    </message>
    <message>
      <source>The key that opens the case data is not on this computer (a new Windows profile, a repaired computer, or a lost passphrase). Type the recovery key that was printed when CLMS was set up (nine groups of four).</source>
      <translation>केस डेटा खोलने वाली कुंजी इस कंप्यूटर पर नहीं है (नया Windows प्रोफ़ाइल, ठीक किया गया कंप्यूटर, या भूला हुआ पासफ़्रेज़)। CLMS सेट अप करते समय छापी गई रिकवरी कुंजी लिखें (चार-चार के नौ समूह)।</translation>
    </message>
    <message>
      <source>Recovery key</source>
      <translation>रिकवरी कुंजी</translation>
    </message>
    <message>
      <source>New data passphrase</source>
      <translation>नया डेटा पासफ़्रेज़</translation>
    </message>
    <message>
      <source>Passphrase again</source>
      <translation>पासफ़्रेज़ दोबारा</translation>
    </message>
    <message>
      <source>The two passphrases are not the same.</source>
      <translation>दोनों पासफ़्रेज़ एक जैसे नहीं हैं।</translation>
    </message>
  </context>
  <context>
    <name>RecoveryKeyDialog</name>
    <message>
      <source>CLMS Desktop – recovery key</source>
      <translation>CLMS डेस्कटॉप – रिकवरी कुंजी</translation>
    </message>
    <message>
      <source>The case data on this computer is now encrypted.</source>
      <translation>इस कंप्यूटर पर केस डेटा अब एन्क्रिप्टेड है।</translation>
    </message>
  </context>
  <context>
    <name>RecoveryKeyPage</name>
    <message>
      <source>Your recovery key</source>
      <translation>आपकी रिकवरी कुंजी</translation>
    </message>
    <message>
      <source>The case data on this computer is encrypted.</source>
      <translation>इस कंप्यूटर पर केस डेटा एन्क्रिप्टेड है।</translation>
    </message>
  </context>
  <context>
    <name>RecoveryKeyView</name>
    <message>
      <source>This recovery key opens the case data if this computer ever loses its key (a new Windows profile, a repaired or new computer, a forgotten passphrase). It is shown only now. Write it down or print this page, and keep it in the office safe, not on this computer: anyone with it and a copy of the data folder can read the data.</source>
      <translation>यदि यह कंप्यूटर कभी अपनी कुंजी खो दे (नया Windows प्रोफ़ाइल, ठीक किया गया या नया कंप्यूटर, भूला हुआ पासफ़्रेज़) तो यह रिकवरी कुंजी केस डेटा खोलती है। यह केवल अभी दिखाई जाती है। इसे लिख लें या यह पृष्ठ छाप लें, और इसे कार्यालय की तिजोरी में रखें, इस कंप्यूटर पर नहीं: जिसके पास यह कुंजी और डेटा फ़ोल्डर की प्रति हो, वह डेटा पढ़ सकता है।</translation>
    </message>
    <message>
      <source>Print…</source>
      <translation>प्रिंट…</translation>
    </message>
    <message>
      <source>I have written the recovery key down (or printed it)</source>
      <translation>मैंने रिकवरी कुंजी लिख ली है (या छाप ली है)</translation>
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
      <source>– choose –</source>
      <translation>– चुनें –</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>जन्म तिथि</translation>
    </message>
    <message>
      <source>DD-MM-YYYY, if known</source>
      <translation>DD-MM-YYYY, यदि पता हो</translation>
    </message>
    <message>
      <source>Or: age in years (estimate)</source>
      <translation>या: आयु वर्षों में (अनुमान)</translation>
    </message>
    <message>
      <source>for example 9</source>
      <translation>जैसे 9</translation>
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
      <source>12 digits, if the child has one</source>
      <translation>12 अंक, यदि बच्चे का आधार हो</translation>
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
      <source>– not decided yet –</source>
      <translation>– अभी तय नहीं –</translation>
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
      <source>Open that record</source>
      <translation>वह अभिलेख खोलें</translation>
    </message>
    <message>
      <source>Close this form (what you typed is kept as a draft) and open the child</source>
      <translation>यह फ़ॉर्म बंद करें (लिखा हुआ मसौदे में रहता है) और उस बच्चे का अभिलेख खोलें</translation>
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
      <source>born {0}</source>
      <translation>जन्म {0}</translation>
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
    <name>ReportDialog</name>
    <message>
      <source>Quarterly CLTS report</source>
      <translation>त्रैमासिक सीएलटीएस प्रतिवेदन</translation>
    </message>
    <message>
      <source>PDF with charts</source>
      <translation>चार्ट सहित पीडीएफ़</translation>
    </message>
    <message>
      <source>Excel workbook</source>
      <translation>एक्सेल फ़ाइल</translation>
    </message>
    <message>
      <source>This install's children</source>
      <translation>इस कार्यालय के बच्चे</translation>
    </message>
    <message>
      <source>The district's CCIs (from their bundles)</source>
      <translation>जिले की संस्थाएँ (उनके बंडलों से)</translation>
    </message>
    <message>
      <source>Quarter</source>
      <translation>तिमाही</translation>
    </message>
    <message>
      <source>Format</source>
      <translation>प्रारूप</translation>
    </message>
    <message>
      <source>Records</source>
      <translation>अभिलेख</translation>
    </message>
    <message>
      <source>Make the report…</source>
      <translation>प्रतिवेदन बनाएँ…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>रद्द करें</translation>
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
    <name>ReturnForm</name>
    <message>
      <source>Blue: counted from the case records. Yellow: carried from last month (check it). White: type the figure (blank = not reported).</source>
      <translation>नीला: प्रकरण अभिलेखों से गिना गया। पीला: पिछले माह से लिया गया (जाँच लें)। सफ़ेद: आँकड़ा लिखें (खाली = सूचित नहीं)।</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>सहेजें</translation>
    </message>
    <message>
      <source>Count again from case records</source>
      <translation>प्रकरण अभिलेखों से फिर गिनें</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>जाँचें</translation>
    </message>
    <message>
      <source>Use the CCIs' figures</source>
      <translation>संस्थाओं के आँकड़े लें</translation>
    </message>
    <message>
      <source>Submit…</source>
      <translation>प्रस्तुत करें…</translation>
    </message>
    <message>
      <source>Correct…</source>
      <translation>सुधारें…</translation>
    </message>
    <message>
      <source>No return chosen</source>
      <translation>कोई प्रतिवेदन नहीं चुना गया</translation>
    </message>
    <message>
      <source>{body}: return for {month} (version {v})</source>
      <translation>{body}: {month} का प्रतिवेदन (संस्करण {v})</translation>
    </message>
    <message>
      <source>State: {s}</source>
      <translation>स्थिति: {s}</translation>
    </message>
    <message>
      <source>submitted by {who}</source>
      <translation>{who} द्वारा प्रस्तुत</translation>
    </message>
    <message>
      <source>the district says: {why}</source>
      <translation>ज़िले का कहना है: {why}</translation>
    </message>
    <message>
      <source>correction: {why}</source>
      <translation>सुधार: {why}</translation>
    </message>
    <message>
      <source>Counted from the case records</source>
      <translation>प्रकरण अभिलेखों से गिना गया</translation>
    </message>
    <message>
      <source>Carried from last month: check it</source>
      <translation>पिछले माह से लिया गया: जाँच लें</translation>
    </message>
    <message>
      <source>draft</source>
      <translation>मसौदा</translation>
    </message>
    <message>
      <source>submitted (locked)</source>
      <translation>प्रस्तुत (बंद)</translation>
    </message>
    <message>
      <source>accepted by the district</source>
      <translation>ज़िले द्वारा स्वीकृत</translation>
    </message>
    <message>
      <source>returned by the district</source>
      <translation>ज़िले द्वारा वापस भेजा गया</translation>
    </message>
    <message>
      <source>consolidated</source>
      <translation>समेकित</translation>
    </message>
    <message>
      <source>replaced by a correction</source>
      <translation>सुधार से बदला गया</translation>
    </message>
    <message>
      <source>From the CCIs' records (district view)</source>
      <translation>संस्थाओं के अभिलेखों से (ज़िला दृश्य)</translation>
    </message>
    <message>
      <source>Remark: {r}</source>
      <translation>टिप्पणी: {r}</translation>
    </message>
    <message>
      <source>Remark</source>
      <translation>टिप्पणी</translation>
    </message>
    <message>
      <source>Say why this figure is right:</source>
      <translation>बताएँ कि यह आँकड़ा सही क्यों है:</translation>
    </message>
    <message>
      <source>Submit the return</source>
      <translation>प्रतिवेदन प्रस्तुत करें</translation>
    </message>
    <message>
      <source>Once submitted the return is locked and goes to the district with the next sync. Submit it now?</source>
      <translation>प्रस्तुत करने के बाद प्रतिवेदन बंद हो जाता है और अगले सिंक के साथ ज़िले को जाता है। अभी प्रस्तुत करें?</translation>
    </message>
    <message>
      <source>Not submitted: fix the cells below or give a remark on the questions.</source>
      <translation>प्रस्तुत नहीं हुआ: नीचे के खाने सुधारें या प्रश्नों पर टिप्पणी दें।</translation>
    </message>
    <message>
      <source>signed and submitted</source>
      <translation>हस्ताक्षरित और प्रस्तुत</translation>
    </message>
    <message>
      <source>submitted (not signed: no key)</source>
      <translation>प्रस्तुत (हस्ताक्षर नहीं: कुंजी नहीं)</translation>
    </message>
    <message>
      <source>Correct the return</source>
      <translation>प्रतिवेदन सुधारें</translation>
    </message>
    <message>
      <source>Why is the return corrected? (kept in the audit trail)</source>
      <translation>प्रतिवेदन क्यों सुधारा जा रहा है? (लेखा परीक्षण सूची में रखा जाता है)</translation>
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
      <source>Order:</source>
      <translation>क्रम:</translation>
    </message>
    <message>
      <source>Reload</source>
      <translation>फिर से लोड करें</translation>
    </message>
    <message>
      <source>Show {0} more</source>
      <translation>{0} और दिखाएँ</translation>
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
      <source>Most urgent first (due date)</source>
      <translation>सबसे ज़रूरी पहले (नियत तारीख़)</translation>
    </message>
    <message>
      <source>Most serious first (severity)</source>
      <translation>सबसे गंभीर पहले (गंभीरता)</translation>
    </message>
    <message>
      <source>Child by child</source>
      <translation>बच्चेवार</translation>
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
      <source>{0} flags of {1} children need attention ({2}).</source>
      <translation>{1} बच्चों के {0} फ़्लैग पर ध्यान देना है ({2})।</translation>
    </message>
    <message>
      <source>The first {0} are shown.</source>
      <translation>पहले {0} दिखाए गए हैं।</translation>
    </message>
    <message>
      <source>Raised on {0}, due on {1}.</source>
      <translation>{0} को उठाया गया, {1} तक करना था।</translation>
    </message>
    <message>
      <source>District acknowledged on {0} ({1}): {2}</source>
      <translation>जिले ने {0} को संज्ञान लिया ({1}): {2}</translation>
    </message>
    <message>
      <source>District resolved on {0} ({1}): {2}</source>
      <translation>जिले ने {0} को निपटाया ({1}): {2}</translation>
    </message>
    <message>
      <source>Acknowledged by {0} on {1}: {2}</source>
      <translation>{0} ने {1} को स्वीकार किया: {2}</translation>
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
    <name>ShortcutsDialog</name>
    <message>
      <source>Register a new child</source>
      <translation>नए बच्चे का पंजीकरण करें</translation>
    </message>
    <message>
      <source>Find a child: the cursor goes to the search box</source>
      <translation>बच्चा खोजें: कर्सर खोज बॉक्स में जाता है</translation>
    </message>
    <message>
      <source>Down (in the search box)</source>
      <translation>नीचे का तीर (खोज बॉक्स में)</translation>
    </message>
    <message>
      <source>Move into the list of children</source>
      <translation>बच्चों की सूची में जाएँ</translation>
    </message>
    <message>
      <source>Enter (in the list)</source>
      <translation>एंटर (सूची में)</translation>
    </message>
    <message>
      <source>Open the child's profile</source>
      <translation>बच्चे की प्रोफ़ाइल खोलें</translation>
    </message>
    <message>
      <source>Back from a profile to the list</source>
      <translation>प्रोफ़ाइल से सूची पर वापस</translation>
    </message>
    <message>
      <source>Go to a screen (in the order of the list on the left)</source>
      <translation>किसी स्क्रीन पर जाएँ (बाईं ओर की सूची के क्रम में)</translation>
    </message>
    <message>
      <source>Next or previous field (also out of a box for notes)</source>
      <translation>अगला या पिछला खाना (नोट वाले बॉक्स से बाहर भी)</translation>
    </message>
    <message>
      <source>Enter (in Log a visit or call)</source>
      <translation>एंटर (मुलाक़ात या कॉल दर्ज करें में)</translation>
    </message>
    <message>
      <source>Log the visit</source>
      <translation>मुलाक़ात दर्ज करें</translation>
    </message>
    <message>
      <source>Save the form you are filling in</source>
      <translation>जो फ़ॉर्म भर रहे हैं उसे सहेजें</translation>
    </message>
    <message>
      <source>Enter (in a form)</source>
      <translation>एंटर (फ़ॉर्म में)</translation>
    </message>
    <message>
      <source>Save a form without notes boxes</source>
      <translation>बिना नोट वाले बॉक्स का फ़ॉर्म सहेजें</translation>
    </message>
    <message>
      <source>F4 (in a date box)</source>
      <translation>F4 (तारीख़ के बॉक्स में)</translation>
    </message>
    <message>
      <source>Pick the date from a calendar</source>
      <translation>कैलेंडर से तारीख़ चुनें</translation>
    </message>
    <message>
      <source>Esc (in a form)</source>
      <translation>Esc (फ़ॉर्म में)</translation>
    </message>
    <message>
      <source>Close it; registration keeps what you typed as a draft</source>
      <translation>बंद करें; पंजीकरण में लिखा हुआ मसौदे के रूप में रहता है</translation>
    </message>
    <message>
      <source>Read everything again from the database</source>
      <translation>डेटाबेस से सब कुछ फिर से पढ़ें</translation>
    </message>
    <message>
      <source>Lock the screen</source>
      <translation>स्क्रीन लॉक करें</translation>
    </message>
    <message>
      <source>Quit CLMS Desktop</source>
      <translation>CLMS डेस्कटॉप बंद करें</translation>
    </message>
    <message>
      <source>This list of keys</source>
      <translation>कुंजियों की यह सूची</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>कीबोर्ड शॉर्टकट</translation>
    </message>
    <message>
      <source>Everything in CLMS Desktop can be done with the keyboard:</source>
      <translation>CLMS डेस्कटॉप में हर काम कीबोर्ड से किया जा सकता है:</translation>
    </message>
    <message>
      <source>Keys</source>
      <translation>कुंजियाँ</translation>
    </message>
    <message>
      <source>What they do</source>
      <translation>क्या होता है</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>बंद करें</translation>
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
      <source>Stop</source>
      <translation>रोकें</translation>
    </message>
    <message>
      <source>Stop sending; what was sent is kept and goes on from there next time</source>
      <translation>भेजना रोकें; जितना भेजा गया वह रहता है और अगली बार वहीं से आगे चलता है</translation>
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
      <source>This is a practice folder with made-up children. It never sends anything to the district or the state, over the internet or on a USB stick. Open the real data folder to sync.</source>
      <translation>यह काल्पनिक बच्चों वाला अभ्यास फ़ोल्डर है। यह ज़िले या राज्य को कभी कुछ नहीं भेजता, न इंटरनेट से, न USB स्टिक पर। सिंक के लिए असली डेटा फ़ोल्डर खोलें।</translation>
    </message>
    <message>
      <source>Stopping…</source>
      <translation>रोका जा रहा है…</translation>
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
      <source>Offline: the state office could not be reached (no internet connection, or the address is wrong). Nothing was lost: the changes wait and go next time, or take them to the district office on a USB stick.</source>
      <translation>ऑफ़लाइन: राज्य कार्यालय से संपर्क नहीं हो सका (इंटरनेट नहीं है, या पता ग़लत है)। कुछ नहीं खोया: बदलाव रुके रहेंगे और अगली बार जाएँगे, या इन्हें USB स्टिक पर ज़िला कार्यालय ले जाएँ।</translation>
    </message>
    <message>
      <source>Stopped. What was sent is kept; sending goes on from there next time.</source>
      <translation>रोक दिया गया। जितना भेजा गया वह रहता है; अगली बार भेजना वहीं से आगे चलेगा।</translation>
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
      <source>Asking the state office whether it can be reached…</source>
      <translation>राज्य कार्यालय से संपर्क हो सकता है या नहीं, यह देखा जा रहा है…</translation>
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
      <source>{n} transfer(s) and {a} acknowledgement(s) taken in (see Transfers).</source>
      <translation>{n} स्थानांतरण और {a} पावती ली गईं (स्थानांतरण देखें)।</translation>
    </message>
    <message>
      <source>Not taken in: {why}</source>
      <translation>नहीं ली गई: {why}</translation>
    </message>
    <message>
      <source>Not accepted: {file}: {why}</source>
      <translation>स्वीकार नहीं हुआ: {file}: {why}</translation>
    </message>
  </context>
  <context>
    <name>SyncStatus</name>
    <message>
      <source>Sync: counting…</source>
      <translation>सिंक: गिनती हो रही है…</translation>
    </message>
    <message>
      <source>Practice folder: never sent to the district or state</source>
      <translation>अभ्यास फ़ोल्डर: ज़िले या राज्य को कभी नहीं भेजा जाता</translation>
    </message>
    <message>
      <source>no state office address yet</source>
      <translation>राज्य कार्यालय का पता अभी नहीं</translation>
    </message>
    <message>
      <source>not checked yet</source>
      <translation>अभी जाँचा नहीं</translation>
    </message>
    <message>
      <source>online</source>
      <translation>ऑनलाइन</translation>
    </message>
    <message>
      <source>offline</source>
      <translation>ऑफ़लाइन</translation>
    </message>
    <message>
      <source>nothing waiting</source>
      <translation>कुछ भी बाक़ी नहीं</translation>
    </message>
    <message>
      <source>1 change waiting</source>
      <translation>1 बदलाव बाक़ी</translation>
    </message>
    <message>
      <source>{0} changes waiting</source>
      <translation>{0} बदलाव बाक़ी</translation>
    </message>
    <message>
      <source>never sent</source>
      <translation>कभी नहीं भेजा</translation>
    </message>
    <message>
      <source>last sent {0}</source>
      <translation>अंतिम बार भेजा {0}</translation>
    </message>
  </context>
  <context>
    <name>Timeline</name>
    <message>
      <source>Admitted</source>
      <translation>प्रवेश</translation>
    </message>
    <message>
      <source>Category: {0} ({1})</source>
      <translation>श्रेणी: {0} ({1})</translation>
    </message>
    <message>
      <source>Visit: {0} ({1})</source>
      <translation>मुलाक़ात: {0} ({1})</translation>
    </message>
    <message>
      <source>CWC order {0}: {1}</source>
      <translation>सीडब्ल्यूसी आदेश {0}: {1}</translation>
    </message>
    <message>
      <source>Social investigation report asked for</source>
      <translation>सामाजिक जाँच रिपोर्ट माँगी गई</translation>
    </message>
    <message>
      <source>Social investigation report submitted</source>
      <translation>सामाजिक जाँच रिपोर्ट जमा हुई</translation>
    </message>
    <message>
      <source>Individual care plan prepared</source>
      <translation>व्यक्तिगत देखरेख योजना बनी</translation>
    </message>
    <message>
      <source>Note by {0}: {1}</source>
      <translation>{0} की टिप्पणी: {1}</translation>
    </message>
    <message>
      <source>Adoption stage: {0}</source>
      <translation>दत्तक ग्रहण चरण: {0}</translation>
    </message>
    <message>
      <source>Transferred in: {0}</source>
      <translation>स्थानांतरित होकर आया/आई: {0}</translation>
    </message>
    <message>
      <source>Transferred out: {0}</source>
      <translation>स्थानांतरित होकर गया/गई: {0}</translation>
    </message>
    <message>
      <source>Left care: {0}</source>
      <translation>देखरेख छोड़ी: {0}</translation>
    </message>
  </context>
  <context>
    <name>TransfersPage</name>
    <message>
      <source>Transfers between CCIs</source>
      <translation>संस्थाओं (CCI) के बीच स्थानांतरण</translation>
    </message>
    <message>
      <source>A child transferred here by order of the CWC comes with the whole record: the history, visits, orders, documents and scans, photo and Aadhaar. Admitting the child keeps the same child code (the child's id for life) and starts a new stay here.</source>
      <translation>CWC के आदेश से यहाँ स्थानांतरित बच्चा पूरे अभिलेख के साथ आता है: इतिहास, मुलाक़ातें, आदेश, दस्तावेज़ और स्कैन, फ़ोटो और आधार। बच्चे को प्रवेश देने पर वही बाल कोड (बच्चे की जीवन भर की पहचान) रहता है और यहाँ एक नया प्रवास शुरू होता है।</translation>
    </message>
    <message>
      <source>Incoming transfers</source>
      <translation>आने वाले स्थानांतरण</translation>
    </message>
    <message>
      <source>Child</source>
      <translation>बच्चा</translation>
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
      <source>Transfer date</source>
      <translation>स्थानांतरण की तारीख़</translation>
    </message>
    <message>
      <source>CWC order</source>
      <translation>सीडब्ल्यूसी आदेश</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>स्थिति</translation>
    </message>
    <message>
      <source>&amp;Admit the child</source>
      <translation>बच्चे को प्रवेश दें (&amp;A)</translation>
    </message>
    <message>
      <source>Take in transfers from a &amp;USB stick…</source>
      <translation>USB स्टिक से स्थानांतरण लें (&amp;U)…</translation>
    </message>
    <message>
      <source>Transfers sent from here</source>
      <translation>यहाँ से भेजे गए स्थानांतरण</translation>
    </message>
    <message>
      <source>To</source>
      <translation>किस संस्था को</translation>
    </message>
    <message>
      <source>waiting to be admitted</source>
      <translation>प्रवेश की प्रतीक्षा में</translation>
    </message>
    <message>
      <source>waiting to be sent</source>
      <translation>भेजे जाने की प्रतीक्षा में</translation>
    </message>
    <message>
      <source>admitted</source>
      <translation>प्रवेश दिया गया</translation>
    </message>
    <message>
      <source>refused</source>
      <translation>अस्वीकार</translation>
    </message>
    <message>
      <source>sent, not yet acknowledged</source>
      <translation>भेजा गया, अभी पावती नहीं</translation>
    </message>
    <message>
      <source>acknowledged by the receiving CCI</source>
      <translation>पाने वाली संस्था ने पावती दी</translation>
    </message>
    <message>
      <source>NOT ACKNOWLEDGED after {n} days</source>
      <translation>{n} दिन बाद भी पावती नहीं</translation>
    </message>
    <message>
      <source>(not verified: a default to re-check)</source>
      <translation>(सत्यापित नहीं: फिर से जाँचने योग्य डिफ़ॉल्ट)</translation>
    </message>
    <message>
      <source>A transfer not acknowledged within {n} days of its date is flagged. Basis: {b}</source>
      <translation>जिस स्थानांतरण की पावती उसकी तारीख़ से {n} दिन में न आए, उसे चिह्नित किया जाता है। आधार: {b}</translation>
    </message>
    <message>
      <source>Only the superintendent admits a child</source>
      <translation>केवल अधीक्षक बच्चे को प्रवेश देते हैं</translation>
    </message>
    <message>
      <source>Set up this CCI's key on the Sync screen first.</source>
      <translation>पहले सिंक स्क्रीन पर इस संस्था की कुंजी तैयार करें।</translation>
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
      <source>Admit the child?</source>
      <translation>बच्चे को प्रवेश दें?</translation>
    </message>
    <message>
      <source>Admit {name} ({code}) from {home}? The whole record is taken in and a new stay starts here on {date}.</source>
      <translation>{home} से {name} ({code}) को प्रवेश दें? पूरा अभिलेख लिया जाएगा और यहाँ {date} से नया प्रवास शुरू होगा।</translation>
    </message>
    <message>
      <source>The child was not admitted; nothing was changed: {why}</source>
      <translation>बच्चे को प्रवेश नहीं दिया गया; कुछ नहीं बदला: {why}</translation>
    </message>
    <message>
      <source>Admitted under the child code {code}. The acknowledgement goes back to the sending CCI with the next sync.</source>
      <translation>बाल कोड {code} के साथ प्रवेश दिया गया। पावती अगले सिंक के साथ भेजने वाली संस्था को वापस जाएगी।</translation>
    </message>
    <message>
      <source>Choose the USB stick</source>
      <translation>यूएसबी स्टिक चुनें</translation>
    </message>
    <message>
      <source>{n} transfer(s) and {a} acknowledgement(s) taken in.</source>
      <translation>{n} स्थानांतरण और {a} पावती ली गईं।</translation>
    </message>
    <message>
      <source>Not taken in: {why}</source>
      <translation>नहीं ली गई: {why}</translation>
    </message>
  </context>
  <context>
    <name>UsersPage</name>
    <message>
      <source>Caseworker</source>
      <translation>केसवर्कर</translation>
    </message>
    <message>
      <source>Superintendent</source>
      <translation>अधीक्षक</translation>
    </message>
    <message>
      <source>District official</source>
      <translation>ज़िला अधिकारी</translation>
    </message>
    <message>
      <source>State official</source>
      <translation>राज्य अधिकारी</translation>
    </message>
    <message>
      <source>Administrator</source>
      <translation>प्रशासक</translation>
    </message>
    <message>
      <source>District Child Protection Officer</source>
      <translation>ज़िला बाल संरक्षण अधिकारी</translation>
    </message>
    <message>
      <source>Protection officer</source>
      <translation>संरक्षण अधिकारी</translation>
    </message>
    <message>
      <source>Data entry</source>
      <translation>डेटा प्रविष्टि</translation>
    </message>
    <message>
      <source>At least 8 characters, letters mixed with numbers or signs, not the user name.</source>
      <translation>कम से कम 8 अक्षर, अक्षरों के साथ अंक या चिह्न मिले हुए, उपयोगकर्ता नाम नहीं।</translation>
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
      <source>Status</source>
      <translation>स्थिति</translation>
    </message>
    <message>
      <source>Last login</source>
      <translation>अंतिम लॉगिन</translation>
    </message>
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
    <name>Validation</name>
    <message>
      <source>Please fill this in.</source>
      <translation>कृपया यह भरें।</translation>
    </message>
    <message>
      <source>Too long: at most {0} characters.</source>
      <translation>बहुत लंबा: अधिकतम {0} अक्षर।</translation>
    </message>
    <message>
      <source>Has characters not used in names: {0}</source>
      <translation>इसमें ऐसे अक्षर हैं जो नामों में नहीं होते: {0}</translation>
    </message>
    <message>
      <source>Write it in letters.</source>
      <translation>इसे अक्षरों में लिखें।</translation>
    </message>
    <message>
      <source>Choose one from the list.</source>
      <translation>सूची में से एक चुनें।</translation>
    </message>
    <message>
      <source>'{0}' is not a date: write it DD-MM-YYYY, for example 23-11-2026.</source>
      <translation>'{0}' तारीख़ नहीं है: DD-MM-YYYY में लिखें, जैसे 23-11-2026।</translation>
    </message>
    <message>
      <source>'{0}' is not a real date.</source>
      <translation>'{0}' कोई वास्तविक तारीख़ नहीं है।</translation>
    </message>
    <message>
      <source>Cannot be in the future.</source>
      <translation>भविष्य की तारीख़ नहीं हो सकती।</translation>
    </message>
    <message>
      <source>Cannot be before the admission date ({0}).</source>
      <translation>प्रवेश की तारीख़ ({0}) से पहले नहीं हो सकती।</translation>
    </message>
    <message>
      <source>Cannot be before the admission date.</source>
      <translation>प्रवेश की तारीख़ से पहले नहीं हो सकती।</translation>
    </message>
    <message>
      <source>Cannot be after the admission date.</source>
      <translation>प्रवेश की तारीख़ के बाद नहीं हो सकती।</translation>
    </message>
    <message>
      <source>Give the date of birth, or the age if it is not known.</source>
      <translation>जन्म तिथि दें, या पता न हो तो आयु।</translation>
    </message>
    <message>
      <source>The child would be over {0} at admission.</source>
      <translation>प्रवेश के समय बच्चे की आयु {0} से अधिक होगी।</translation>
    </message>
    <message>
      <source>'{0}' is not a number of years.</source>
      <translation>'{0}' वर्षों की संख्या नहीं है।</translation>
    </message>
    <message>
      <source>Must be between 0 and {0} years.</source>
      <translation>0 से {0} वर्ष के बीच होना चाहिए।</translation>
    </message>
    <message>
      <source>Must be a number.</source>
      <translation>संख्या होनी चाहिए।</translation>
    </message>
    <message>
      <source>Aadhaar has 12 digits.</source>
      <translation>आधार में 12 अंक होते हैं।</translation>
    </message>
    <message>
      <source>An Aadhaar number never starts with 0 or 1.</source>
      <translation>आधार संख्या कभी 0 या 1 से शुरू नहीं होती।</translation>
    </message>
    <message>
      <source>The Aadhaar number's check digit is wrong: please check the number.</source>
      <translation>आधार संख्या का जाँच अंक ग़लत है: कृपया संख्या जाँचें।</translation>
    </message>
    <message>
      <source>A phone number has 10 digits (or 12 with 91 in front).</source>
      <translation>फ़ोन नंबर में 10 अंक होते हैं (या आगे 91 लगाकर 12)।</translation>
    </message>
    <message>
      <source>Choose how this person is related to the child.</source>
      <translation>चुनें कि यह व्यक्ति बच्चे का क्या लगता है।</translation>
    </message>
    <message>
      <source>Choose the guardian who visited, or type the visitor's name.</source>
      <translation>मिलने आए अभिभावक को चुनें, या आगंतुक का नाम लिखें।</translation>
    </message>
    <message>
      <source>Choose the new category.</source>
      <translation>नई श्रेणी चुनें।</translation>
    </message>
    <message>
      <source>The child is already in this category.</source>
      <translation>बच्चा पहले से इसी श्रेणी में है।</translation>
    </message>
    <message>
      <source>Choose how the child left care.</source>
      <translation>चुनें कि बच्चे ने देखरेख कैसे छोड़ी।</translation>
    </message>
    <message>
      <source>For a move to another CCI, record a transfer.</source>
      <translation>दूसरी संस्था में जाने के लिए स्थानांतरण दर्ज करें।</translation>
    </message>
    <message>
      <source>Say why the document does not apply.</source>
      <translation>बताएँ कि यह दस्तावेज़ क्यों लागू नहीं होता।</translation>
    </message>
    <message>
      <source>Cannot be before the order date.</source>
      <translation>आदेश की तारीख़ से पहले नहीं हो सकती।</translation>
    </message>
    <message>
      <source>Give the date it was asked for or the date submitted.</source>
      <translation>माँगे जाने की तारीख़ या जमा करने की तारीख़ दें।</translation>
    </message>
    <message>
      <source>Cannot be before the date it was asked for.</source>
      <translation>माँगे जाने की तारीख़ से पहले नहीं हो सकती।</translation>
    </message>
    <message>
      <source>Must be after the date the plan was prepared.</source>
      <translation>योजना बनने की तारीख़ के बाद होनी चाहिए।</translation>
    </message>
    <message>
      <source>Cannot be before the previous stage ({0}).</source>
      <translation>पिछले चरण ({0}) से पहले नहीं हो सकती।</translation>
    </message>
    <message>
      <source>Say why the child is withdrawn from adoption.</source>
      <translation>बताएँ कि बच्चे को दत्तक ग्रहण प्रक्रिया से क्यों हटाया गया।</translation>
    </message>
    <message>
      <source>Not the same as the password above.</source>
      <translation>ऊपर वाले पासवर्ड से मेल नहीं खाता।</translation>
    </message>
    <message>
      <source>Must be between 1 and 9999.</source>
      <translation>1 से 9999 के बीच होना चाहिए।</translation>
    </message>
    <message>
      <source>Must be between 0 and 5000.</source>
      <translation>0 से 5000 के बीच होना चाहिए।</translation>
    </message>
    <message>
      <source>Needed: the name, date of birth, Aadhaar or gender is being changed.</source>
      <translation>ज़रूरी है: नाम, जन्म तिथि, आधार या लिंग बदला जा रहा है।</translation>
    </message>
    <message>
      <source>Give the day the document was obtained.</source>
      <translation>दस्तावेज़ मिलने की तारीख़ दें।</translation>
    </message>
    <message>
      <source>Give the day the document was verified.</source>
      <translation>दस्तावेज़ सत्यापित होने की तारीख़ दें।</translation>
    </message>
    <message>
      <source>Cannot be before the day it was obtained ({0}).</source>
      <translation>मिलने की तारीख़ ({0}) से पहले नहीं हो सकती।</translation>
    </message>
    <message>
      <source>Cannot be before the stage before it ({0}).</source>
      <translation>पिछले चरण ({0}) से पहले नहीं हो सकती।</translation>
    </message>
    <message>
      <source>Cannot be after the stage after it ({0}).</source>
      <translation>अगले चरण ({0}) के बाद नहीं हो सकती।</translation>
    </message>
    <message>
      <source>Cannot be changed here.</source>
      <translation>यहाँ नहीं बदला जा सकता।</translation>
    </message>
    <message>
      <source>Cannot be before the change before it ({0}).</source>
      <translation>पिछले बदलाव ({0}) से पहले नहीं हो सकती।</translation>
    </message>
    <message>
      <source>Cannot be after the change after it ({0}).</source>
      <translation>अगले बदलाव ({0}) के बाद नहीं हो सकती।</translation>
    </message>
    <message>
      <source>The child has not left care.</source>
      <translation>बच्चे ने देखरेख नहीं छोड़ी है।</translation>
    </message>
    <message>
      <source>Correct the transfer instead.</source>
      <translation>इसके बजाय स्थानांतरण सुधारें।</translation>
    </message>
    <message>
      <source>Please write the reason.</source>
      <translation>कृपया कारण लिखें।</translation>
    </message>
    <message>
      <source>Use letters, numbers, dots or dashes, with no spaces.</source>
      <translation>अक्षर, अंक, बिंदु या डैश प्रयोग करें, बिना खाली जगह के।</translation>
    </message>
    <message>
      <source>The user name '{0}' is already taken.</source>
      <translation>उपयोगकर्ता नाम '{0}' पहले से लिया जा चुका है।</translation>
    </message>
    <message>
      <source>Enter the person's full name.</source>
      <translation>व्यक्ति का पूरा नाम लिखें।</translation>
    </message>
    <message>
      <source>The password must have at least {0} characters.</source>
      <translation>पासवर्ड में कम से कम {0} अक्षर होने चाहिए।</translation>
    </message>
    <message>
      <source>The password must not contain the user name.</source>
      <translation>पासवर्ड में उपयोगकर्ता नाम नहीं होना चाहिए।</translation>
    </message>
    <message>
      <source>The password repeats the same few characters; choose something less simple.</source>
      <translation>पासवर्ड में वही कुछ अक्षर दोहराए गए हैं; कुछ कम सरल चुनें।</translation>
    </message>
    <message>
      <source>Mix letters with numbers or signs (for example: asha2026 or kiran-home).</source>
      <translation>अक्षरों के साथ अंक या चिह्न मिलाएँ (जैसे: asha2026 या kiran-home)।</translation>
    </message>
    <message>
      <source>This password is too common; choose another.</source>
      <translation>यह पासवर्ड बहुत आम है; कोई दूसरा चुनें।</translation>
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
      <source>Record a death…</source>
      <translation>मृत्यु दर्ज करें…</translation>
    </message>
    <message>
      <source>Select a parent or guardian in the list first</source>
      <translation>पहले सूची में माता-पिता या अभिभावक चुनें</translation>
    </message>
    <message>
      <source>Log this visit</source>
      <translation>यह मुलाक़ात दर्ज करें</translation>
    </message>
    <message>
      <source>Enter</source>
      <translation>एंटर</translation>
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
      <source>Parents' and guardians' visits and calls, last 12 months</source>
      <translation>माता-पिता व अभिभावकों की मुलाक़ातें और कॉल, पिछले 12 महीने</translation>
    </message>
    <message>
      <source>Social worker's follow-up with the family…</source>
      <translation>परिवार से सामाजिक कार्यकर्ता का अनुवर्तन…</translation>
    </message>
    <message>
      <source>Someone else (not a listed parent or guardian)…</source>
      <translation>कोई और (सूची के माता-पिता या अभिभावक नहीं)…</translation>
    </message>
    <message>
      <source>Only a visit by a parent or guardian on the child's list counts as their visit. A parent or guardian who is not on the list: add them first (Add a parent or guardian…), then choose them.</source>
      <translation>केवल बच्चे की सूची में दर्ज माता-पिता या अभिभावक की मुलाक़ात ही उनकी मुलाक़ात गिनी जाती है। जो माता-पिता या अभिभावक सूची में नहीं हैं: पहले उन्हें जोड़ें (माता-पिता या अभिभावक जोड़ें…), फिर उन्हें चुनें।</translation>
    </message>
    <message>
      <source>Visitor's name *</source>
      <translation>मिलने आने वाले का नाम *</translation>
    </message>
    <message>
      <source>Who are they to the child? *</source>
      <translation>वे बच्चे के क्या लगते हैं? *</translation>
    </message>
    <message>
      <source>A relative (not a parent or guardian)</source>
      <translation>रिश्तेदार (माता-पिता या अभिभावक नहीं)</translation>
    </message>
    <message>
      <source>A volunteer, NGO worker or sponsor</source>
      <translation>स्वयंसेवक, एनजीओ कार्यकर्ता या प्रायोजक</translation>
    </message>
    <message>
      <source>Someone else</source>
      <translation>कोई और</translation>
    </message>
    <message>
      <source>Record a death</source>
      <translation>मृत्यु दर्ज करें</translation>
    </message>
    <message>
      <source>Record the death of: {0}</source>
      <translation>इनकी मृत्यु दर्ज करें: {0}</translation>
    </message>
    <message>
      <source>The rules count the guardian as living until this date; leave it empty if it is not known.</source>
      <translation>नियम इस तिथि तक अभिभावक को जीवित मानते हैं; तिथि ज्ञात न हो तो खाली छोड़ें।</translation>
    </message>
    <message>
      <source>Died on</source>
      <translation>मृत्यु की तिथि</translation>
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
      <source>Visitor</source>
      <translation>मिलने वाला</translation>
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
      <source>Social worker's follow-up with the family</source>
      <translation>परिवार से सामाजिक कार्यकर्ता का अनुवर्तन</translation>
    </message>
    <message>
      <source>Social worker's name</source>
      <translation>सामाजिक कार्यकर्ता का नाम</translation>
    </message>
    <message>
      <source>Family member contacted</source>
      <translation>जिस परिजन से संपर्क हुआ</translation>
    </message>
    <message>
      <source>– not one of the listed –</source>
      <translation>– सूची में से कोई नहीं –</translation>
    </message>
    <message>
      <source>What was found</source>
      <translation>क्या पता चला</translation>
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
      <source>Died on (if known)</source>
      <translation>मृत्यु की तिथि (यदि ज्ञात हो)</translation>
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
      <source>Merged into another record</source>
      <translation>दूसरे अभिलेख में विलय</translation>
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
      <source>Parent or guardian</source>
      <translation>माता-पिता या अभिभावक</translation>
    </message>
    <message>
      <source>Social worker</source>
      <translation>सामाजिक कार्यकर्ता</translation>
    </message>
    <message>
      <source>Volunteer</source>
      <translation>स्वयंसेवक</translation>
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
    <message>
      <source>Visit</source>
      <translation>मुलाक़ात</translation>
    </message>
    <message>
      <source>CWC order</source>
      <translation>सीडब्ल्यूसी आदेश</translation>
    </message>
    <message>
      <source>SIR</source>
      <translation>सामाजिक जाँच रिपोर्ट</translation>
    </message>
    <message>
      <source>Care plan</source>
      <translation>देखरेख योजना</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>टिप्पणी</translation>
    </message>
    <message>
      <source>Adoption</source>
      <translation>दत्तक ग्रहण</translation>
    </message>
    <message>
      <source>Left care</source>
      <translation>देखरेख छोड़ी</translation>
    </message>
    <message>
      <source>Child registered</source>
      <translation>बच्चे का पंजीकरण हुआ</translation>
    </message>
    <message>
      <source>Child's details changed</source>
      <translation>बच्चे का विवरण बदला गया</translation>
    </message>
    <message>
      <source>Guardian added</source>
      <translation>अभिभावक जोड़ा गया</translation>
    </message>
    <message>
      <source>Visit logged</source>
      <translation>मुलाक़ात दर्ज हुई</translation>
    </message>
    <message>
      <source>Visit deleted</source>
      <translation>मुलाक़ात हटाई गई</translation>
    </message>
    <message>
      <source>Category changed</source>
      <translation>श्रेणी बदली गई</translation>
    </message>
    <message>
      <source>Document checklist updated</source>
      <translation>दस्तावेज़ सूची अद्यतन हुई</translation>
    </message>
    <message>
      <source>Scan attached</source>
      <translation>स्कैन जोड़ा गया</translation>
    </message>
    <message>
      <source>Photo set</source>
      <translation>फ़ोटो लगाई गई</translation>
    </message>
    <message>
      <source>CWC order recorded</source>
      <translation>सीडब्ल्यूसी आदेश दर्ज हुआ</translation>
    </message>
    <message>
      <source>Social investigation report recorded</source>
      <translation>सामाजिक जाँच रिपोर्ट दर्ज हुई</translation>
    </message>
    <message>
      <source>Care plan recorded</source>
      <translation>देखरेख योजना दर्ज हुई</translation>
    </message>
    <message>
      <source>Note added</source>
      <translation>टिप्पणी जोड़ी गई</translation>
    </message>
    <message>
      <source>Adoption stage changed</source>
      <translation>दत्तक ग्रहण चरण बदला गया</translation>
    </message>
    <message>
      <source>Transferred out</source>
      <translation>दूसरी संस्था में स्थानांतरित</translation>
    </message>
    <message>
      <source>Flag acknowledged</source>
      <translation>फ़्लैग स्वीकार किया गया</translation>
    </message>
    <message>
      <source>Flag escalated</source>
      <translation>फ़्लैग आगे बढ़ाया गया</translation>
    </message>
    <message>
      <source>Flag resolved</source>
      <translation>फ़्लैग हल किया गया</translation>
    </message>
    <message>
      <source>Rules run</source>
      <translation>नियम चलाए गए</translation>
    </message>
    <message>
      <source>Institution set up</source>
      <translation>संस्था की स्थापना हुई</translation>
    </message>
    <message>
      <source>User added</source>
      <translation>उपयोगकर्ता जोड़ा गया</translation>
    </message>
    <message>
      <source>User switched off</source>
      <translation>उपयोगकर्ता बंद किया गया</translation>
    </message>
    <message>
      <source>User unlocked</source>
      <translation>उपयोगकर्ता का ताला खोला गया</translation>
    </message>
    <message>
      <source>Password reset</source>
      <translation>पासवर्ड फिर से सेट किया गया</translation>
    </message>
    <message>
      <source>Password changed</source>
      <translation>पासवर्ड बदला गया</translation>
    </message>
    <message>
      <source>Logged in</source>
      <translation>लॉग इन किया</translation>
    </message>
    <message>
      <source>Wrong password</source>
      <translation>ग़लत पासवर्ड</translation>
    </message>
    <message>
      <source>Login refused</source>
      <translation>लॉगिन अस्वीकार</translation>
    </message>
    <message>
      <source>Screen lock time changed</source>
      <translation>स्क्रीन लॉक का समय बदला गया</translation>
    </message>
    <message>
      <source>Everything exported</source>
      <translation>सब कुछ निर्यात किया गया</translation>
    </message>
    <message>
      <source>Practice children made</source>
      <translation>अभ्यास के लिए बच्चे बनाए गए</translation>
    </message>
    <message>
      <source>Profile opened</source>
      <translation>प्रोफ़ाइल खोली गई</translation>
    </message>
    <message>
      <source>Record viewed</source>
      <translation>अभिलेख देखा गया</translation>
    </message>
    <message>
      <source>Case summary printed</source>
      <translation>मामले का सारांश प्रिंट हुआ</translation>
    </message>
    <message>
      <source>Entitlement card printed</source>
      <translation>पात्रता कार्ड प्रिंट हुआ</translation>
    </message>
    <message>
      <source>Entitlement sheet printed</source>
      <translation>पात्रता पत्रक प्रिंट हुआ</translation>
    </message>
    <message>
      <source>CWC submission file printed</source>
      <translation>सीडब्ल्यूसी प्रस्तुति फ़ाइल प्रिंट हुई</translation>
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
    <message>
      <source>Sign the return</source>
      <translation>प्रतिवेदन पर हस्ताक्षर करें</translation>
    </message>
    <message>
      <source>Passphrase of this computer's sync key (it signs the return):</source>
      <translation>इस कंप्यूटर की सिंक कुंजी का पासफ़्रेज़ (यह प्रतिवेदन पर हस्ताक्षर करती है):</translation>
    </message>
    <message>
      <source>Sub-sector</source>
      <translation>उप-क्षेत्र</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>संकेतक</translation>
    </message>
    <message>
      <source>Figure</source>
      <translation>आँकड़ा</translation>
    </message>
    <message>
      <source>of</source>
      <translation>में से</translation>
    </message>
  </context>
</TS>
