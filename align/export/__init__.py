"""Writers for alignment results: TMX (per pair and multilingual), JSON, CSV and XLSX.

- :mod:`align.export.tmx`      TMX 1.4b (``tmx_bytes``, ``write_tmx``, ``pair_tmx_bytes``)
- :mod:`align.export.jsonio`   JSON round trip (``alignment_to_dict``, ``alignment_from_dict``)
- :mod:`align.export.tabular`  CSV and XLSX tables (``write_csv``, ``write_xlsx``)
"""

from align.export.jsonio import alignment_from_dict, alignment_to_dict, read_json, write_json
from align.export.tabular import write_csv, write_xlsx
from align.export.tmx import pair_tmx_bytes, tmx_bytes, write_tmx

__all__ = [
    "alignment_from_dict", "alignment_to_dict", "pair_tmx_bytes", "read_json", "tmx_bytes",
    "write_csv", "write_json", "write_tmx", "write_xlsx",
]
