#!/usr/bin/env python3
"""Small seed files for the fuzz targets, written into fuzz/corpus/<target>/ by scripts/fuzz.sh.

The corpus's reports are 10-500 KB; fuzzed whole they run a few dozen times a second. These
seeds are a few KB: pages of the report's tables cut out of the corpus's HTML, and PDFs made
here that hold a table of the report (ruled, labels and numbers in a Unicode font) in the forms
the PDF reader must handle (compressed or not, object streams, a damaged cross-reference table).
"""
import os, re, sys, zlib

corpus, out = sys.argv[1], sys.argv[2]

def put(target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)

# HTML: each table of each page, without styles and attributes other than the spans.
for name in sorted(os.listdir(os.path.join(corpus, 'real'))):
    if not name.endswith('.html'):
        continue
    html = open(os.path.join(corpus, 'real', name), encoding='utf-8', errors='replace').read()
    for i, t in enumerate(re.findall(r'<table.*?</table>', html, re.S | re.I)):
        t = re.sub(r'<(\w+)(?:\s[^>]*?((?:row|col)span="?\d+"?)?[^>]*)?>', lambda m: '<%s%s>' % (m.group(1), ' ' + m.group(2) if m.group(2) else ''), t)
        t = re.sub(r'</?(span|font|o:p|b)>', '', t)
        data = ('<html><body><p>二、主动公开政府信息情况</p>%s</body></html>' % t).encode()
        if len(data) < 16384:
            put('html', '%s.%d.html' % (name, i), data)
            put('check', '%s.%d.html' % (name, i), data)

def pdf(objects, xref=True):
    out = bytearray(b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % (i + 1) + body + b'\nendobj\n'
    if xref:
        x = len(out)
        out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
        for o in offsets:
            out += b'%010d 00000 n \n' % o
        out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, x)
    return bytes(out)

def stream(d, data):
    return b'<< %s /Length %d >>\nstream\n' % (d, len(data)) + data + b'\nendstream'

def u16(s):
    return b'<' + s.encode('utf-16-be').hex().upper().encode() + b'>'

# A page of table three: header row, then rows of label and seven numbers, ruled.
rows = [('本年新收政府信息公开申请数量', [3, 1, 0, 0, 0, 0, 4]), ('（一）予以公开', [2, 1, 0, 0, 0, 0, 3]),
        ('（二）部分公开', [1, 0, 0, 0, 0, 0, 1]), ('（七）总计', [3, 1, 0, 0, 0, 0, 4])]
c = bytearray(b'BT /F1 16 Tf 150 800 Td ' + u16('三、收到和处理政府信息公开申请情况') + b' Tj ET\n')
xs = [50, 250, 290, 330, 370, 410, 450, 490, 530]
top = 760
for r, (label, nums) in enumerate(rows):
    y = top - 30 * r
    c += b'BT /F1 9 Tf %d %d Td ' % (55, y - 20) + u16(label) + b' Tj ET\n'
    for k, n in enumerate(nums):
        c += b'BT /F2 9 Tf %d %d Td (%d) Tj ET\n' % (xs[k + 1] + 15, y - 20, n)
for r in range(len(rows) + 1):
    c += b'%d %d m %d %d l S\n' % (xs[0], top - 30 * r, xs[-1], top - 30 * r)
for x in xs:
    c += b'%d %d m %d %d l S\n' % (x, top, x, top - 30 * len(rows))
c = bytes(c)
fonts = [b'<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 >>] >>',
         b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']
page = b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>'
head = [b'<< /Type /Catalog /Pages 2 0 R >>', b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page]
raw = pdf(head + [stream(b'', c)] + fonts)
flate = pdf(head + [stream(b'/Filter /FlateDecode', zlib.compress(c))] + fonts)
put('pdf', 'table-raw.pdf', raw)
put('pdf', 'table-flate.pdf', flate)
put('pdf', 'table-damaged.pdf', flate[:flate.rindex(b'xref')])
put('pdf', 'table-truncated.pdf', raw[:len(raw) * 2 // 3])
# The catalog, page tree and fonts in an object stream, found through a cross-reference stream.
members = [head[0], head[1], page, fonts[0], fonts[1]]
nums = [1, 2, 3, 5, 6]
body, offs = b'', []
for m in members:
    offs.append(len(body))
    body += m + b' '
hdr = b' '.join(b'%d %d' % (n, o) for n, o in zip(nums, offs)) + b' '
objstm = stream(b'/Type /ObjStm /N %d /First %d /Filter /FlateDecode' % (len(members), len(hdr)), zlib.compress(hdr + body))
out_ = bytearray(b'%PDF-1.7\n')
off4 = len(out_); out_ += b'4 0 obj\n' + stream(b'/Filter /FlateDecode', zlib.compress(c)) + b'\nendobj\n'
off7 = len(out_); out_ += b'7 0 obj\n' + objstm + b'\nendobj\n'
rows_ = [(0, 0, 0)] + [(2, 7, i) for i in range(3)] + [(1, off4, 0)] + [(2, 7, 3), (2, 7, 4)] + [(1, off7, 0)]
xdata = b''.join(bytes([t]) + o.to_bytes(4, 'big') + g.to_bytes(2, 'big') for t, o, g in rows_)
off8 = len(out_)
out_ += b'8 0 obj\n' + stream(b'/Type /XRef /Size 9 /W [1 4 2] /Root 1 0 R', xdata) + b'\nendobj\n'
out_ += b'startxref\n%d\n%%%%EOF\n' % off8
put('pdf', 'table-objstm.pdf', bytes(out_))
for f in os.listdir(os.path.join(out, 'pdf')):
    put('check', f, open(os.path.join(out, 'pdf', f), 'rb').read())
