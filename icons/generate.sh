#!/bin/sh
# Regenerates every icon in this folder with ImageMagick 6 (`convert`) and, for icon.icns,
# png2icns (Debian package icnsutils).
#
# The icon must not announce what Harbour is about to someone glancing at a taskbar: a calm
# teal-blue rounded square with two gentle waves, nothing more. Two drawings: the full one for
# 64 px and up, and a bolder one (thicker, taller waves, less margin) for 16-48 px, so the
# waves stay crisp instead of blurring into a grey bar.
#
# Run from anywhere: sh icons/generate.sh
set -eu
cd "$(dirname "$0")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

top='#79BFC8'    # soft teal
bottom='#3F84A3' # calm blue
wave=white

# draw NAME INSET RADIUS STROKE WAVE1 WAVE2: a 1024 px master.
draw() {
    name=$1 inset=$2 radius=$3 stroke=$4 wave1=$5 wave2=$6
    far=$((1023 - inset))
    convert -size 1024x1024 "gradient:$top-$bottom" "$work/gradient.png"
    convert -size 1024x1024 xc:none -fill white \
        -draw "roundrectangle $inset,$inset $far,$far $radius,$radius" "$work/mask.png"
    convert "$work/gradient.png" "$work/mask.png" -alpha off -compose CopyOpacity -composite -compose Over \
        -draw "fill none stroke $wave stroke-width $stroke stroke-linecap round stroke-linejoin round path '$wave1'" \
        -draw "fill none stroke $wave stroke-width $stroke stroke-linecap round stroke-linejoin round path '$wave2'" \
        "$work/$name.png"
}

# Full drawing: one gentle period per wave, centred. (IM6 draws a stray spike where the two
# curves meet unless stroke-linejoin is round.)
draw full 56 220 78 \
    'M 262,437 C 346,367 428,367 512,437 C 596,507 678,507 762,437' \
    'M 262,597 C 346,527 428,527 512,597 C 596,667 678,667 762,597'

# Small drawing: less margin, thicker lines, deeper curves.
draw small 0 200 124 \
    'M 214,404 C 318,310 420,310 512,404 C 604,498 706,498 810,404' \
    'M 214,640 C 318,546 420,546 512,640 C 604,734 706,734 810,640'

# png SIZE OUT [MASTER]: an 8-bit RGBA PNG (Tauri refuses PNGs without alpha).
png() {
    convert "$work/${3:-full}.png" -filter Lanczos -resize "$1x$1" -strip "PNG32:$2"
}

png 32 32x32.png small
png 128 128x128.png
png 256 128x128@2x.png
png 512 icon.png

# Windows: the .ico holds 256 first (Tauri takes the first entry as the window icon), and the
# small drawing for 48 px and below.
for size in 256 128 64; do png "$size" "$work/ico-$size.png"; done
for size in 48 32 24 16; do png "$size" "$work/ico-$size.png" small; done
convert "$work/ico-256.png" "$work/ico-128.png" "$work/ico-64.png" "$work/ico-48.png" \
    "$work/ico-32.png" "$work/ico-24.png" "$work/ico-16.png" icon.ico

# Windows Store / appx tiles, as `tauri icon` makes them. MSI and NSIS bundles use only
# icon.ico; these are here so an appx/msix package can be made later without redrawing.
for size in 30 44 71 89 107 142 150 284 310; do
    if [ "$size" -le 44 ]; then master=small; else master=full; fi
    png "$size" "Square${size}x${size}Logo.png" "$master"
done
png 50 StoreLogo.png

# macOS: icon.icns from the sizes png2icns accepts (16 and 32 from the small drawing).
if command -v png2icns >/dev/null 2>&1; then
    png 16 "$work/icns-16.png" small
    png 32 "$work/icns-32.png" small
    for size in 48 128 256 512 1024; do png "$size" "$work/icns-$size.png"; done
    png2icns icon.icns "$work"/icns-16.png "$work"/icns-32.png "$work"/icns-48.png \
        "$work"/icns-128.png "$work"/icns-256.png "$work"/icns-512.png "$work"/icns-1024.png \
        >/dev/null
else
    echo "png2icns not found (apt-get install icnsutils): icon.icns not made" >&2
fi
