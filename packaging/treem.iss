; Inno Setup script for Treem Desktop: a per-user installer (no administrator rights needed).
; Build on Windows after PyInstaller (see packaging/README.md):
;   "%LOCALAPPDATA%\Programs\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\treem.iss
; Input: dist\bundle\treem\ (the PyInstaller folder). Output: dist\installer\TreemDesktop-<version>-setup.exe
; The officer's data is NOT in the install folder (it is in %LOCALAPPDATA%\Treem\TreemDesktop,
; or a treem-data folder beside the exe on a USB stick), so uninstalling never deletes it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6E1B9B6C-4F3A-4C57-9E84-7D3E2B1C0A15}
AppName=Treem Desktop
AppVersion={#AppVersion}
AppPublisher=Treem
AppVerName=Treem Desktop {#AppVersion}
; per user: Programs under %LOCALAPPDATA%, no UAC prompt
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\Treem Desktop
DefaultGroupName=Treem Desktop
DisableProgramGroupPage=yes
OutputDir=..\dist\installer
OutputBaseFilename=TreemDesktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\TreemDesktop.exe
; the officers' laptops: Windows 10 and later
MinVersion=10.0

[Languages]
; Vietnamese.isl is an unofficial translation: download it into Inno Setup's Languages\ first
Name: "vietnamese"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; the whole PyInstaller folder: TreemDesktop.exe (the window), treem.exe (the command line), _internal\
Source: "..\dist\bundle\treem\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Treem Desktop"; Filename: "{app}\TreemDesktop.exe"
Name: "{autodesktop}\Treem Desktop"; Filename: "{app}\TreemDesktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\TreemDesktop.exe"; Description: "{cm:LaunchProgram,Treem Desktop}"; Flags: nowait postinstall skipifsilent
