"""IPK: internal and external survey unsur with bobot and respondents -> the composite index."""

from __future__ import annotations

from lkjip.data.dataset import Dataset
from lkjip.domain import formatting as fmt
from lkjip.domain.rounding import round_index
from lkjip.domain.survei import bobot_index, ipk_composite
from lkjip.domain.teks import slug
from lkjip.figures import ids
from lkjip.figures._common import add_rounded_index
from lkjip.figures.registry import Registry


def add_ipk(reg: Registry, ds: Dataset) -> None:
    unsur = ds.table("ipk_unsur")
    responden = ds.table("ipk_responden")
    parts = []
    for pihak in ("internal", "eksternal"):
        rows = unsur[unsur["pihak"] == pihak].sort_values("no")
        for item in rows.itertuples():
            one = rows[rows["no"] == item.no]
            reg.add(
                ids.rincian(ids.ipk(pihak, "unsur"), (item.unsur,)),
                item.nilai,
                "indeks",
                f"Nilai unsur {item.unsur} pihak {pihak}",
                sources=ds.refs("ipk_unsur", one),
            )
            reg.add(
                f"ipk.{pihak}.bobot.{slug(item.unsur)}",
                item.bobot,
                "bobot",
                f"Bobot unsur {item.unsur} pihak {pihak} (%)",
                sources=ds.refs("ipk_unsur", one),
            )
        value = bobot_index(list(rows["nilai"]), list(rows["bobot"]))
        terms = " + ".join(
            f"({fmt.angka(b, 0)}% × {fmt.angka(n, 2)})"
            for b, n in zip(rows["bobot"], rows["nilai"], strict=True)
        )
        reg.add(
            ids.ipk(pihak),
            value,
            "indeks",
            f"Nilai IPK pihak {pihak}",
            formula="Σ(bobot unsur × nilai unsur) / Σ bobot",
            substituted=f"({terms}) / {fmt.angka(rows['bobot'].sum(), 0)}%",
            sources=ds.refs("ipk_unsur", rows),
        )
        row = responden[responden["pihak"] == pihak]
        reg.add(
            f"ipk.responden.{pihak}",
            int(row["responden"].iloc[0]),
            "orang",
            f"Responden IPK pihak {pihak}",
            sources=ds.refs("ipk_responden", row),
        )
        parts.append(pihak)
        lowest = rows[rows["nilai"] == rows["nilai"].min()]
        reg.add(
            ids.ipk(pihak, "unsur_terendah"),
            ", ".join(lowest["unsur"]),
            "teks",
            f"Unsur IPK pihak {pihak} dengan nilai terendah",
            formula="unsur dengan nilai minimum",
            inputs=(ids.ipk(pihak),),
            substituted=", ".join(
                f"{u} {fmt.angka(n, 2)}"
                for u, n in zip(lowest["unsur"], lowest["nilai"], strict=True)
            ),
            sources=ds.refs("ipk_unsur", lowest),
        )
        two = rows.sort_values(["nilai", "unsur"]).head(2)
        reg.add(
            ids.ipk(pihak, "dua_unsur_terendah"),
            ", ".join(two["unsur"]),
            "teks",
            f"Dua unsur IPK pihak {pihak} dengan nilai terendah",
            formula="dua unsur dengan nilai terkecil",
            inputs=(ids.ipk(pihak),),
            substituted=", ".join(
                f"{u} {fmt.angka(n, 2)}" for u, n in zip(two["unsur"], two["nilai"], strict=True)
            ),
            sources=ds.refs("ipk_unsur", two),
        )
        # compared as printed: the unsur values and the party's value at two decimals
        below = rows[rows["nilai"].map(round_index) < round_index(value)]
        reg.add(
            ids.ipk(pihak, "unsur_di_bawah_rerata"),
            ", ".join(below["unsur"]) or "-",
            "teks",
            f"Unsur IPK pihak {pihak} di bawah nilai pihak tersebut",
            formula=f"unsur yang nilainya di bawah nilai IPK {pihak} dibulatkan dua desimal",
            substituted=f"nilai {pihak} {fmt.angka(round_index(value), 2)}",
            inputs=(ids.ipk(pihak),),
            sources=ds.refs("ipk_unsur", below) if len(below) else (),
        )
    reg.add(
        "ipk.responden",
        int(responden["responden"].sum()),
        "orang",
        "Jumlah responden IPK",
        formula="responden internal + responden eksternal",
        substituted=" + ".join(reg.d(f"ipk.responden.{p}") for p in parts),
        inputs=tuple(f"ipk.responden.{p}" for p in parts),
    )
    reg.add(
        "ipk.pembilang",
        reg.v("ipk.internal") * reg.v("ipk.responden.internal")
        + reg.v("ipk.eksternal") * reg.v("ipk.responden.eksternal"),
        "angka2",
        "Pembilang IPK gabungan",
        formula="nilai internal × responden internal + nilai eksternal × responden eksternal",
        substituted=f"{fmt.angka(reg.v('ipk.internal'), 3)} × {reg.d('ipk.responden.internal')}"
        f" + {fmt.angka(reg.v('ipk.eksternal'), 3)} × {reg.d('ipk.responden.eksternal')}",
        inputs=(
            "ipk.internal",
            "ipk.responden.internal",
            "ipk.eksternal",
            "ipk.responden.eksternal",
        ),
    )
    wm = ipk_composite(
        reg.v("ipk.internal"),
        reg.v("ipk.responden.internal"),
        reg.v("ipk.eksternal"),
        reg.v("ipk.responden.eksternal"),
    )
    reg.add(
        "ipk.indeks",
        wm.value,
        "indeks",
        "Indeks IPK gabungan (presisi penuh)",
        formula="(nilai internal × responden internal + nilai eksternal × responden "
        "eksternal) / jumlah responden",
        substituted=f"({fmt.angka(reg.v('ipk.internal'), 3)} × {reg.d('ipk.responden.internal')}"
        f" + {fmt.angka(reg.v('ipk.eksternal'), 3)} × "
        f"{reg.d('ipk.responden.eksternal')}) / {reg.d('ipk.responden')}",
        inputs=(
            "ipk.internal",
            "ipk.responden.internal",
            "ipk.eksternal",
            "ipk.responden.eksternal",
            "ipk.responden",
        ),
    )
    add_rounded_index(reg, "ipk")
