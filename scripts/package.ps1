# Builds the deployable Azure Functions package, exactly as scripts/package.sh does, where only PowerShell is (azd's
# `windows` prepackage hook): host.json, one folder per function (function.json) and handler/ (the self-contained
# linux-x64 handler), zipped with the handler's executable bit set inside the zip, because Flex Consumption mounts the
# package read-only and cannot chmod it. Needs PowerShell 7 (pwsh) and the .NET SDK; no python, no zip.
#
# Usage: scripts/package.ps1 [-Output PATH.zip] [-BuildDir DIR] [-NoReadyToRun]
[CmdletBinding()]
param(
    [string]$Output,
    [string]$BuildDir,
    [switch]$NoReadyToRun
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
Set-Location $root
if (-not $Output) { $Output = Join-Path $root 'artifacts/package/citizen-services.zip' }
if (-not $BuildDir) { $BuildDir = Join-Path $root 'artifacts/package-build' }
$Output = [System.IO.Path]::GetFullPath($Output)
$BuildDir = [System.IO.Path]::GetFullPath($BuildDir)

# The executable path the Functions host starts, read from host.json so the two cannot disagree.
$handlerPath = (Get-Content -Raw host.json | ConvertFrom-Json).customHandler.description.defaultExecutablePath
$handlerDir = Split-Path -Parent $handlerPath

$stage = Join-Path ([System.IO.Path]::GetTempPath()) ("citizen-services-package-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $stage | Out-Null
try {
    # Self-contained: Flex Consumption's `custom` runtime provides no .NET runtime. ReadyToRun shortens cold starts.
    $readyToRun = if ($NoReadyToRun) { 'false' } else { 'true' }
    & dotnet publish functions/CitizenServices.Functions/CitizenServices.Functions.csproj `
        --configuration Release --runtime linux-x64 --self-contained `
        "-p:PublishReadyToRun=$readyToRun" `
        --artifacts-path $BuildDir --output (Join-Path $stage $handlerDir) --nologo
    if ($LASTEXITCODE -ne 0) { throw "dotnet publish failed ($LASTEXITCODE)" }
    if (-not (Test-Path (Join-Path $stage $handlerPath))) { throw "Publish did not produce the executable host.json names: $handlerPath" }

    Copy-Item host.json $stage
    $count = 0
    foreach ($definition in Get-ChildItem -Directory functions/definitions) {
        if (-not (Test-Path (Join-Path $definition.FullName 'function.json'))) { continue }
        Copy-Item -Recurse $definition.FullName (Join-Path $stage $definition.Name)
        $count++
    }
    if ($count -eq 0) { throw 'No function definitions found under functions/definitions/' }

    New-Item -ItemType Directory -Force -Path (Split-Path -Parent $Output) | Out-Null
    if (Test-Path $Output) { Remove-Item $Output }

    # The Unix mode goes in the upper 16 bits of each entry's external attributes (regular file, 0755 for the handler
    # and anything already executable, 0644 otherwise): Windows file systems have no executable bit to copy.
    Add-Type -AssemblyName System.IO.Compression
    $regularFile = 0x8000
    $stream = [System.IO.File]::Open($Output, [System.IO.FileMode]::CreateNew)
    $archive = [System.IO.Compression.ZipArchive]::new($stream, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        $files = Get-ChildItem -Recurse -File $stage | Sort-Object FullName
        foreach ($file in $files) {
            $entryName = [System.IO.Path]::GetRelativePath($stage, $file.FullName).Replace('\', '/')
            $executable = $entryName -eq $handlerPath
            if (-not $executable -and -not $IsWindows) {
                $executable = ($file.UnixFileMode -band [System.IO.UnixFileMode]::UserExecute) -ne 0
            }
            $mode = if ($executable) { 0x1ED } else { 0x1A4 } # 0755, 0644
            $entry = $archive.CreateEntry($entryName, [System.IO.Compression.CompressionLevel]::Optimal)
            $entry.ExternalAttributes = ($regularFile -bor $mode) -shl 16
            $entry.LastWriteTime = $file.LastWriteTime
            $target = $entry.Open()
            try {
                $source = [System.IO.File]::OpenRead($file.FullName)
                try { $source.CopyTo($target) } finally { $source.Dispose() }
            }
            finally { $target.Dispose() }
        }
    }
    finally {
        $archive.Dispose()
        $stream.Dispose()
    }

    # .NET records the platform it runs on as each entry's "version made by"; written on Windows that says MS-DOS, and
    # unzip tools then ignore the Unix mode bits. Mark every central directory record as made by Unix (3).
    $bytes = [System.IO.File]::ReadAllBytes($Output)
    $end = $bytes.Length - 22
    while ($end -ge 0 -and [BitConverter]::ToUInt32($bytes, $end) -ne 0x06054b50) { $end-- }
    if ($end -lt 0) { throw 'The written zip has no end of central directory record.' }
    $records = [BitConverter]::ToUInt16($bytes, $end + 10)
    $position = [BitConverter]::ToUInt32($bytes, $end + 16)
    for ($i = 0; $i -lt $records; $i++) {
        if ([BitConverter]::ToUInt32($bytes, $position) -ne 0x02014b50) { throw 'Unexpected zip central directory layout.' }
        $bytes[$position + 5] = 3
        $position += 46 + [BitConverter]::ToUInt16($bytes, $position + 28) + [BitConverter]::ToUInt16($bytes, $position + 30) + [BitConverter]::ToUInt16($bytes, $position + 32)
    }
    [System.IO.File]::WriteAllBytes($Output, $bytes)

    Write-Output "Package: $Output ($count function(s), handler $handlerPath)"
}
finally {
    Remove-Item -Recurse -Force $stage -ErrorAction SilentlyContinue
}
