"""Plain-text reports: decode (UTF-8, GB18030, Big5, ...), split pages on form feeds."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from esgtrace.errors import UnsupportedFormat
from esgtrace.ingest.lines import split_lines
from esgtrace.ingest.model import Page

# Tried in order before asking charset-normalizer: strict decoders that reject
# foreign bytes, so a success is meaningful. GB18030 accepts almost any byte
# string, so it only comes after a plausibility check (see _plausible_chinese).
_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))


def decode(data: bytes, path: str | Path) -> tuple[str, str]:
    """``(text, encoding)`` of a text file's bytes."""
    for encoding, bom in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" in data[:8192]:
        raise UnsupportedFormat(path, "binary data")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausible_chinese(text), encoding, text))
    if candidates:
        score, encoding, text = max(candidates)
        if score > 0.5:
            return text, encoding
    best = from_bytes(data).best()
    if best is None:
        raise UnsupportedFormat(path, "binary data or an unknown text encoding")
    return str(best), best.encoding


# The most frequent Chinese characters of ESG prose (both scripts): a wrong decoding
# produces rare characters instead.
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
    "碳排放温室气体范围能源耗电量废物危险员工培训时数供应商投诉社区捐赠环境社会管治报告年度公司集团有限股份可持续发展"
    "們為這個來說會時發國對經與後產現實動無當過開學還種麼進點長問關機義頭樣將種萬員體電資權樣廠報環節訓數"
)


def _plausible_chinese(text: str) -> float:
    """Share of CJK characters that are common ones (1.0 for typical Chinese prose)."""
    cjk = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(ch in _COMMON for ch in cjk) / len(cjk)


def read_pages(text: str) -> tuple[list[Page], bool]:
    """Pages of ``text`` and whether the file had page breaks (form feeds)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" not in text:
        return [Page(number=1, text=text, lines=split_lines(text))], False
    pages = []
    for number, chunk in enumerate(text.split("\f"), start=1):
        pages.append(Page(number=number, text=chunk, lines=split_lines(chunk)))
    if pages and not pages[-1].text.strip():
        pages.pop()
    return pages, True
