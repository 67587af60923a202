; CLMS Desktop for Windows: one setup.exe around the PyInstaller one-folder build.
;
;   makensis -DVERSION=0.1.0 -DDIST=..\dist\clms-desktop -DOUTFILE=..\dist\setup.exe clms.nsi
;   (`make installer-windows` passes these; see installer/README.md, step by step.)
;
; For one Windows user, without administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\CLMS Desktop, shortcuts to that user's Start menu and desktop,
; file types and the "Apps & features" entry to HKEY_CURRENT_USER. The case records are
; NOT in the program folder: they live in the data folder (desktop/paths.py), which the
; installer never writes and the uninstaller never deletes. Installing a newer version
; over an older one replaces the program files only; the first start of the new version
; backs the database up and updates it (desktop/db.py).

; A 64-bit setup for a 64-bit program (the build's Python is 64-bit: it cannot run on
; 32-bit Windows, and Windows says so before anything is copied).
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!ifndef VERSION
  !error "give the version: makensis -DVERSION=x.y.z (make installer-windows reads it)"
!endif
!ifndef DIST
  !define DIST "..\dist\clms-desktop"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\clms-desktop-${VERSION}-setup.exe"
!endif
!ifndef ROOT
  !define ROOT ".."
!endif

!define APP "CLMS Desktop"
!define EXE "clms-desktop.exe"
!define CLI "clms.exe"
!define PUBLISHER "CLMS Desktop project"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\CLMS Desktop"
!define APP_KEY "Software\CLMS\CLMS Desktop"
; platformdirs.user_data_dir("clms-desktop", "CLMS") on Windows: %LOCALAPPDATA%\CLMS\clms-desktop
; (tests/test_installer.py keeps this in step with desktop/paths.py).
!define DATA_SUBDIR "CLMS\clms-desktop"
; QSettings (desktop/views/prefs.py: INI format, user scope): the window's language.
!define PREFS_INI "$APPDATA\CLMS\CLMS Desktop.ini"

; Code signing (installer/README.md, "What is signed"): with -DSIGN_CMD="signtool sign ...",
; makensis signs the uninstaller it embeds and the finished setup.exe with that command
; (the program files are signed before, in dist\clms-desktop). No certificate: no signing.
!ifdef SIGN_CMD
  !uninstfinalize '${SIGN_CMD} "%1"' = 0
  !finalize '${SIGN_CMD} "%1"' = 0
!endif

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\CLMS Desktop"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "GNU AGPL 3.0 or later"

; ---- pages --------------------------------------------------------------------------

!define MUI_ABORTWARNING
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${APP_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_LANGDLL_ALLLANGUAGES

!insertmacro MUI_PAGE_WELCOME
; The programme's licence, then the fonts' licence (each on its own page, accepted once).
!insertmacro MUI_PAGE_LICENSE "${ROOT}\LICENSE"
!define MUI_PAGE_HEADER_TEXT "$(FontsLicenceTitle)"
!define MUI_PAGE_HEADER_SUBTEXT "$(FontsLicenceSubtitle)"
!define MUI_LICENSEPAGE_BUTTON "$(^NextBtn)"
!define MUI_LICENSEPAGE_TEXT_BOTTOM "$(FontsLicenceBottom)"
!insertmacro MUI_PAGE_LICENSE "${ROOT}\desktop\documents\fonts\OFL.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "$(FinishText)"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "$(DataKept)"
!insertmacro MUI_UNPAGE_FINISH

; The first language is the default; the user picks on the first screen.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Hindi"

; ---- words, in English and Hindi ----------------------------------------------------

LangString ShortcutName ${LANG_ENGLISH} "CLMS Desktop"
LangString ShortcutName ${LANG_HINDI} "CLMS डेस्कटॉप"
LangString ShortcutHelp ${LANG_ENGLISH} "Case records of the children in your care"
LangString ShortcutHelp ${LANG_HINDI} "आपकी देखरेख में रह रहे बच्चों के केस रिकॉर्ड"
LangString UninstallName ${LANG_ENGLISH} "Uninstall CLMS Desktop"
LangString UninstallName ${LANG_HINDI} "CLMS डेस्कटॉप हटाएँ"
LangString DataFolderName ${LANG_ENGLISH} "CLMS Desktop data folder"
LangString DataFolderName ${LANG_HINDI} "CLMS डेस्कटॉप डेटा फ़ोल्डर"
LangString BundleType ${LANG_ENGLISH} "CLMS sync bundle"
LangString BundleType ${LANG_HINDI} "CLMS सिंक बंडल"
LangString ReceiptType ${LANG_ENGLISH} "CLMS sync receipt"
LangString ReceiptType ${LANG_HINDI} "CLMS सिंक रसीद"
LangString FontsLicenceTitle ${LANG_ENGLISH} "Licence of the fonts"
LangString FontsLicenceTitle ${LANG_HINDI} "फ़ॉन्ट का लाइसेंस"
LangString FontsLicenceSubtitle ${LANG_ENGLISH} "The Noto Sans fonts come under the SIL Open Font License."
LangString FontsLicenceSubtitle ${LANG_HINDI} "Noto Sans फ़ॉन्ट SIL Open Font License के अंतर्गत आते हैं।"
LangString FontsLicenceBottom ${LANG_ENGLISH} "CLMS Desktop prints Hindi and English with these fonts. Press Next to go on."
LangString FontsLicenceBottom ${LANG_HINDI} "CLMS डेस्कटॉप इन्हीं फ़ॉन्ट से हिन्दी और अंग्रेज़ी छापता है। आगे बढ़ने के लिए 'आगे' दबाएँ।"
LangString RunNow ${LANG_ENGLISH} "Start CLMS Desktop now"
LangString RunNow ${LANG_HINDI} "CLMS डेस्कटॉप अभी शुरू करें"
LangString FinishText ${LANG_ENGLISH} "CLMS Desktop ${VERSION} is installed.$\r$\n$\r$\nThe case records are kept in the data folder:$\r$\n$DataDir$\r$\n$\r$\nAfter an update, the first start copies the database to the 'backups' folder there before updating it."
LangString FinishText ${LANG_HINDI} "CLMS डेस्कटॉप ${VERSION} इंस्टॉल हो गया है।$\r$\n$\r$\nकेस रिकॉर्ड इस डेटा फ़ोल्डर में रखे जाते हैं:$\r$\n$DataDir$\r$\n$\r$\nअपडेट के बाद पहली बार शुरू होने पर डेटाबेस को अपडेट करने से पहले उसकी प्रति वहीं 'backups' फ़ोल्डर में बना ली जाती है।"
LangString CloseFirst ${LANG_ENGLISH} "CLMS Desktop is open on this computer. Close it (File > Quit), then press Retry."
LangString CloseFirst ${LANG_HINDI} "CLMS डेस्कटॉप इस कंप्यूटर पर खुला है। उसे बंद करें (फ़ाइल > बंद करें), फिर 'पुनः प्रयास करें' दबाएँ।"
LangString DataKept ${LANG_ENGLISH} "CLMS Desktop was removed from this computer.$\r$\n$\r$\nThe case records were NOT deleted. They stay in the data folder:$\r$\n$DataDir$\r$\n$\r$\nInstalling CLMS Desktop again opens them as they were. Do not delete that folder unless the records have been copied to a safe place."
LangString DataKept ${LANG_HINDI} "CLMS डेस्कटॉप इस कंप्यूटर से हटा दिया गया है।$\r$\n$\r$\nकेस रिकॉर्ड नहीं मिटाए गए। वे इस डेटा फ़ोल्डर में सुरक्षित हैं:$\r$\n$DataDir$\r$\n$\r$\nCLMS डेस्कटॉप फिर से इंस्टॉल करने पर वे जैसे थे वैसे ही खुलेंगे। जब तक रिकॉर्ड की प्रति किसी सुरक्षित जगह पर न बना ली जाए, उस फ़ोल्डर को न मिटाएँ।"

Var DataDir

; ---- helpers ------------------------------------------------------------------------

; The data folder the program uses: $CLMS_DATA_DIR if set, else the per-user data folder.
!macro FindDataDir
  ReadEnvStr $DataDir "CLMS_DATA_DIR"
  ${If} $DataDir == ""
    StrCpy $DataDir "$LOCALAPPDATA\${DATA_SUBDIR}"
  ${EndIf}
!macroend

; Refuse to go on while the program runs: Windows keeps a running program's file locked
; against writing (renaming would still work), so try to open it for writing.
!macro WaitUntilClosed
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    retry_close:
    ClearErrors
    FileOpen $0 "$INSTDIR\${EXE}" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(CloseFirst)" /SD IDCANCEL IDRETRY retry_close
      Abort
    ${EndIf}
    FileClose $0
  ${EndIf}
!macroend

; One file type for the current user: .ext -> ProgID -> "clms-desktop.exe" "%1".
!macro FileType EXT PROGID DESCRIPTION
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "${DESCRIPTION}"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}" ""
  ReadRegStr $0 HKCU "Software\Classes\${EXT}" ""
  ${If} $0 == ""
    WriteRegStr HKCU "Software\Classes\${EXT}" "" "${PROGID}"
  ${EndIf}
!macroend

!macro RemoveFileType EXT PROGID
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegValue HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}"
  ReadRegStr $0 HKCU "Software\Classes\${EXT}" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKCU "Software\Classes\${EXT}" ""
  ${EndIf}
  DeleteRegKey /ifempty HKCU "Software\Classes\${EXT}\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\${EXT}"
!macroend

; The shortcuts in either language: the uninstaller removes them whichever language the
; install was made in, and an update in the other language first removes the old ones (else
; the desktop would carry "CLMS Desktop" and "CLMS डेस्कटॉप" side by side).
!macro DeleteShortcuts
  Delete "$SMPROGRAMS\CLMS Desktop\CLMS Desktop.lnk"
  Delete "$SMPROGRAMS\CLMS Desktop\CLMS डेस्कटॉप.lnk"
  Delete "$SMPROGRAMS\CLMS Desktop\Uninstall CLMS Desktop.lnk"
  Delete "$SMPROGRAMS\CLMS Desktop\CLMS डेस्कटॉप हटाएँ.lnk"
  Delete "$SMPROGRAMS\CLMS Desktop\CLMS Desktop data folder.lnk"
  Delete "$SMPROGRAMS\CLMS Desktop\CLMS डेस्कटॉप डेटा फ़ोल्डर.lnk"
  Delete "$DESKTOP\CLMS Desktop.lnk"
  Delete "$DESKTOP\CLMS डेस्कटॉप.lnk"
!macroend

; ---- install ------------------------------------------------------------------------

Function .onInit
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY
  !insertmacro FindDataDir
FunctionEnd

Section "CLMS Desktop" SecMain
  SectionIn RO
  SetShellVarContext current
  !insertmacro WaitUntilClosed
  SetOutPath "$INSTDIR"
  ; An update replaces the whole program part: files of the old version (migration
  ; scripts above all) must not linger beside the new ones. The data folder is elsewhere.
  RMDir /r "$INSTDIR\_internal"
  File "${DIST}\${EXE}"
  File "${DIST}\${CLI}"
  File /r "${DIST}\_internal"
  File "/oname=LICENSE.txt" "${ROOT}\LICENSE"
  File "/oname=OFL-fonts.txt" "${ROOT}\desktop\documents\fonts\OFL.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Shortcuts, named in the language chosen on the first screen (an earlier install's in
  ; the other language go first).
  !insertmacro DeleteShortcuts
  CreateDirectory "$SMPROGRAMS\CLMS Desktop"
  CreateShortCut "$SMPROGRAMS\CLMS Desktop\$(ShortcutName).lnk" "$INSTDIR\${EXE}" "" \
    "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "$(ShortcutHelp)"
  CreateShortCut "$SMPROGRAMS\CLMS Desktop\$(UninstallName).lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\$(ShortcutName).lnk" "$INSTDIR\${EXE}" "" \
    "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "$(ShortcutHelp)"
  ; The data folder, for copying it to a USB stick as a backup (created if new).
  CreateDirectory "$DataDir"
  CreateShortCut "$SMPROGRAMS\CLMS Desktop\$(DataFolderName).lnk" "$DataDir"

  ; Double-clicking a receipt or bundle opens it in CLMS Desktop (desktop/views/open_file.py).
  !insertmacro FileType ".clmsb" "CLMS.Bundle" "$(BundleType)"
  !insertmacro FileType ".receipt" "CLMS.Receipt" "$(ReceiptType)"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; The window opens in the installer's language the first time (a choice made in
  ; Settings later is kept: only an unset language is written).
  ReadINIStr $0 "${PREFS_INI}" "ui" "language"
  ${If} $0 == ""
  ${AndIf} $LANGUAGE == ${LANG_HINDI}
    CreateDirectory "$APPDATA\CLMS"
    WriteINIStr "${PREFS_INI}" "ui" "language" "hi"
  ${EndIf}

  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APP_KEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

; ---- uninstall ----------------------------------------------------------------------

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
  !insertmacro FindDataDir
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro WaitUntilClosed
  ; Only what the installer put there, by name: never the data folder, never a folder
  ; the user chose that holds other things.
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI}"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\OFL-fonts.txt"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  !insertmacro DeleteShortcuts
  RMDir "$SMPROGRAMS\CLMS Desktop"

  !insertmacro RemoveFileType ".clmsb" "CLMS.Bundle"
  !insertmacro RemoveFileType ".receipt" "CLMS.Receipt"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegValue HKCU "${APP_KEY}" "InstallDir"
  DeleteRegValue HKCU "${APP_KEY}" "Version"

  ; Where the records are: on the last page (MUI_FINISHPAGE_TEXT) and in the details.
  DetailPrint "$(DataKept)"
SectionEnd
