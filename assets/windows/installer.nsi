; installer.nsi — the Windows installer for CSAT Desk, built by .ci/package.sh
; with NSIS (makensis, Debian package nsis):
;   makensis -DVERSION=<pkg version> -DNUMVERSION=<x.y.z.n> -DSRCDIR=<folder with csatdesk.exe>
;            -DICON=<.ico> -DOUTFILE=<setup.exe> installer.nsi
; Installs for the current user (no administrator): the program into
; %LocalAppData%\Programs\CSAT Desk, a Start menu entry, "Open with CSAT Desk"
; for .csv, .tsv and .xlsx files, and an entry in Settings → Apps that runs
; the uninstaller. The database in %AppData%\csatdesk is never touched.
Unicode true
; 64-bit installer: the program is 64-bit, and wine without 32-bit support runs it
Target amd64-unicode
Name "CSAT Desk"
OutFile "${OUTFILE}"
Icon "${ICON}"
UninstallIcon "${ICON}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\CSAT Desk"
InstallDirRegKey HKCU "Software\CSAT Desk" "InstallDir"
SetCompressor /SOLID lzma
VIProductVersion "${NUMVERSION}"
VIAddVersionKey "ProductName" "CSAT Desk"
VIAddVersionKey "FileDescription" "CSAT Desk installer"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${NUMVERSION}"
VIAddVersionKey "LegalCopyright" "CSAT Desk"

!define UNINST "Software\Microsoft\Windows\CurrentVersion\Uninstall\CSATDesk"
!define PROGID "CSATDesk.Spreadsheet"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "CSAT Desk"
	SetOutPath "$INSTDIR"
	File "${SRCDIR}\csatdesk.exe"
	File "${SRCDIR}\README.txt"
	WriteUninstaller "$INSTDIR\uninstall.exe"
	CreateShortcut "$SMPROGRAMS\CSAT Desk.lnk" "$INSTDIR\csatdesk.exe"
	WriteRegStr HKCU "Software\CSAT Desk" "InstallDir" "$INSTDIR"
	; "Open with": the program's verb, and CSAT Desk listed for the three types
	WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Survey results"
	WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\csatdesk.exe,0"
	WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\csatdesk.exe" "%1"'
	WriteRegStr HKCU "Software\Classes\Applications\csatdesk.exe" "FriendlyAppName" "CSAT Desk"
	WriteRegStr HKCU "Software\Classes\Applications\csatdesk.exe\shell\open\command" "" '"$INSTDIR\csatdesk.exe" "%1"'
	WriteRegStr HKCU "Software\Classes\Applications\csatdesk.exe\SupportedTypes" ".csv" ""
	WriteRegStr HKCU "Software\Classes\Applications\csatdesk.exe\SupportedTypes" ".tsv" ""
	WriteRegStr HKCU "Software\Classes\Applications\csatdesk.exe\SupportedTypes" ".xlsx" ""
	WriteRegStr HKCU "Software\Classes\.csv\OpenWithProgids" "${PROGID}" ""
	WriteRegStr HKCU "Software\Classes\.tsv\OpenWithProgids" "${PROGID}" ""
	WriteRegStr HKCU "Software\Classes\.xlsx\OpenWithProgids" "${PROGID}" ""
	; Settings → Apps
	WriteRegStr HKCU "${UNINST}" "DisplayName" "CSAT Desk"
	WriteRegStr HKCU "${UNINST}" "DisplayVersion" "${VERSION}"
	WriteRegStr HKCU "${UNINST}" "Publisher" "CSAT Desk"
	WriteRegStr HKCU "${UNINST}" "DisplayIcon" "$INSTDIR\csatdesk.exe,0"
	WriteRegStr HKCU "${UNINST}" "InstallLocation" "$INSTDIR"
	WriteRegStr HKCU "${UNINST}" "UninstallString" '"$INSTDIR\uninstall.exe"'
	WriteRegStr HKCU "${UNINST}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
	WriteRegDWORD HKCU "${UNINST}" "NoModify" 1
	WriteRegDWORD HKCU "${UNINST}" "NoRepair" 1
SectionEnd

Section "Uninstall"
	Delete "$INSTDIR\csatdesk.exe"
	Delete "$INSTDIR\README.txt"
	Delete "$INSTDIR\uninstall.exe"
	RMDir "$INSTDIR"
	Delete "$SMPROGRAMS\CSAT Desk.lnk"
	DeleteRegValue HKCU "Software\Classes\.csv\OpenWithProgids" "${PROGID}"
	DeleteRegValue HKCU "Software\Classes\.tsv\OpenWithProgids" "${PROGID}"
	DeleteRegValue HKCU "Software\Classes\.xlsx\OpenWithProgids" "${PROGID}"
	DeleteRegKey HKCU "Software\Classes\${PROGID}"
	DeleteRegKey HKCU "Software\Classes\Applications\csatdesk.exe"
	DeleteRegKey HKCU "Software\CSAT Desk"
	DeleteRegKey HKCU "${UNINST}"
SectionEnd
