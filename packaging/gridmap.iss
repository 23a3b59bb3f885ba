; Inno Setup script for GridMap's Windows installer: a per-user install (no administrator rights) of the bundled app
; that `python packaging/build.py` makes in dist\GridMap, with a Start-menu entry, a desktop icon and GridMap under
; "Open with" for .gpkg files. Build: iscc /DAppVersion=0.1.0 packaging\gridmap.iss  ->  dist\GridMap-0.1.0-setup.exe
; (.github/workflows/windows.yml does both on a Windows runner).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{9EE520CE-489F-4C94-AFCC-65A429CD6786}
AppName=GridMap
AppVersion={#AppVersion}
AppVerName=GridMap {#AppVersion}
AppPublisher=GridMap
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\GridMap
DefaultGroupName=GridMap
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
UninstallDisplayIcon={app}\GridMap.exe
OutputDir=..\dist
OutputBaseFilename=GridMap-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\GridMap\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an update replaces the bundle whole: no library of an older version is left next to the new ones
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\GridMap"; Filename: "{app}\GridMap.exe"
Name: "{autodesktop}\GridMap"; Filename: "{app}\GridMap.exe"; Tasks: desktopicon

[Registry]
; HKA is HKEY_CURRENT_USER in a per-user install. GridMap is offered under "Open with" for .gpkg; the user's
; default program for the extension is left as it is.
Root: HKA; Subkey: "Software\Classes\.gpkg\OpenWithProgids"; ValueType: string; ValueName: "GridMap.gpkg"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\GridMap.gpkg"; ValueType: string; ValueName: ""; ValueData: "GeoPackage (GridMap)"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\GridMap.gpkg\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\GridMap.exe"",0"
Root: HKA; Subkey: "Software\Classes\GridMap.gpkg\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\GridMap.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\GridMap.exe\SupportedTypes"; ValueType: string; ValueName: ".gpkg"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\GridMap.exe"; Description: "{cm:LaunchProgram,GridMap}"; Flags: nowait postinstall skipifsilent
