"""Demo data of the partner ecosystem, from the seed documents: the partners' committee convention
(seed 004: 11 parties, shared ambitions), the governance experiences of the ENS Lyon day (seed 002:
MACS, Somme numérique, Nord-Pas-de-Calais region), and a few digital commons with their adoptions.

Idempotent: objects are looked up by slug; existing ones only get their empty fields filled, so a
second run changes nothing. SIRENs are given only where they are known for sure (else left blank).
"""

import datetime

from django.db import transaction

from commons_portal.territories.models import Territory

from .models import Commons, CommonsAdoption, Contact, Organisation, Partnership, PartnershipAmbition, PartnershipParty

K = Organisation.Kind

# slug: (name, acronym, kind, territory codes, website, siren, description)
ORGANISATIONS = {
    "ministere-education-nationale": (
        "Ministère de l'Éducation nationale",
        "MEN",
        K.STATE,
        ["national"],
        "https://www.education.gouv.fr",
        "",
        "Partie à la convention constitutive du comité des partenaires du numérique pour l'Éducation ; sa "
        "direction du numérique pour l'éducation (DNE) impulse la stratégie numérique et les communs.",
    ),
    "ministere-economie-numerique": (
        "Ministère de l'Économie, de l'Industrie et du Numérique",
        "",
        K.STATE,
        ["national"],
        "https://www.economie.gouv.fr",
        "",
        "Partie à la convention constitutive du comité des partenaires ; porte le volet industriel de la "
        "filière du numérique éducatif.",
    ),
    "caisse-des-depots": (
        "Caisse des dépôts et consignations",
        "CDC",
        K.PUBLIC_OPERATOR,
        ["national"],
        "https://www.caissedesdepots.fr",
        "180020026",
        "Partie à la convention constitutive du comité des partenaires ; accompagne les collectivités dans "
        "le déploiement des infrastructures et services numériques.",
    ),
    "amf": (
        "Association des maires de France",
        "AMF",
        K.ELECTED_ASSOCIATION,
        ["national"],
        "https://www.amf.asso.fr",
        "",
        "Les communes ont la charge des 50 000 écoles : équipement, maintenance, haut débit.",
    ),
    "amrf": (
        "Association des maires ruraux de France",
        "AMRF",
        K.ELECTED_ASSOCIATION,
        ["national"],
        "https://www.amrf.fr",
        "",
        "",
    ),
    "adf": (
        "Association des départements de France",
        "ADF",
        K.ELECTED_ASSOCIATION,
        ["national"],
        "https://departements.fr",
        "",
        "Coordonner, contractualiser et mutualiser : les départements équipent les collèges.",
    ),
    "regions-de-france": (
        "Association des régions de France",
        "ARF",
        K.ELECTED_ASSOCIATION,
        ["national"],
        "https://regions-france.org",
        "",
        "Devenue Régions de France ; les régions équipent les lycées.",
    ),
    "amgvf": (
        "Association des maires de grandes villes de France",
        "AMGVF",
        K.ELECTED_ASSOCIATION,
        ["national"],
        "",
        "",
        "",
    ),
    "villes-internet": (
        "Association des villes internet",
        "AVI",
        K.ELECTED_ASSOCIATION,
        ["national"],
        "https://www.villes-internet.net",
        "",
        "",
    ),
    "rfve": (
        "Réseau français des villes éducatrices",
        "RFVE",
        K.ELECTED_ASSOCIATION,
        ["national"],
        "",
        "",
        "",
    ),
    "amvbf": (
        "Association des maires ville et banlieue de France",
        "AMVBF",
        K.ELECTED_ASSOCIATION,
        ["national"],
        "",
        "",
        "",
    ),
    "reseau-canope": (
        "Réseau Canopé",
        "Canopé",
        K.PUBLIC_OPERATOR,
        ["national"],
        "https://www.reseau-canope.fr",
        "",
        "Opérateur public de la formation et des ressources pédagogiques ; ses ateliers accompagnent les "
        "enseignants dans les territoires (héritier du réseau CRDP/CDDP).",
    ),
    "macs": (
        "Communauté de communes Maremne Adour Côte-Sud",
        "MACS",
        K.EPCI,
        ["D40"],
        "",
        "",
        "EPCI de 23 communes à l'informatique mutualisée : tablettes pour le cycle 3 et portables pour les "
        "enseignants, dans une gouvernance commune avec le ministère et la DSDEN.",
    ),
    "dsden-landes": (
        "Direction des services départementaux de l'Éducation nationale des Landes",
        "DSDEN 40",
        K.STATE,
        ["D40"],
        "",
        "",
        "",
    ),
    "somme-numerique": (
        "Syndicat mixte Somme numérique",
        "",
        K.SYNDICAT_MIXTE,
        ["D80"],
        "",
        "",
        "Service numérique mutualisé entre les collectivités de la Somme, fondé sur une charte approuvée par "
        "délibération, avec un ENT mutualisé et un groupement de commandes.",
    ),
    "departement-somme": ("Département de la Somme", "", K.DEPARTEMENT, ["D80"], "", "", ""),
    "region-nord-pas-de-calais": (
        "Région Nord-Pas-de-Calais",
        "",
        K.REGION,
        ["R32"],
        "",
        "",
        "Direction « Région numérique » transversale : réseau haut débit dédié aux lycées, unités "
        "territoriales pour l'informatique dans les lycées (UTIL), ENT savoirsnumériques 5962. Devenue la "
        "Région Hauts-de-France en 2016.",
    ),
    "academie-lille": ("Académie de Lille", "", K.STATE, ["A09"], "", "", ""),
    "departement-nord": ("Département du Nord", "", K.DEPARTEMENT, ["D59"], "", "", ""),
    "departement-pas-de-calais": ("Département du Pas-de-Calais", "", K.DEPARTEMENT, ["D62"], "", "", ""),
    "ens-lyon": (
        "École normale supérieure de Lyon",
        "ENS de Lyon",
        K.HIGHER_EDUCATION,
        ["R84"],
        "https://www.ens-lyon.fr",
        "",
        "Son Institut français de l'éducation (Ifé) met en réseau les acteurs de l'éducation.",
    ),
    "ville-de-lyon": ("Ville de Lyon", "", K.COMMUNE, ["D69"], "https://www.lyon.fr", "", ""),
    "region-bfc": (
        "Région Bourgogne-Franche-Comté",
        "",
        K.REGION,
        ["R27"],
        "https://www.bourgognefranchecomte.fr",
        "",
        "",
    ),
    "departement-doubs": ("Département du Doubs", "", K.DEPARTEMENT, ["D25"], "https://www.doubs.fr", "", ""),
    "les-francas": (
        "Les Francas",
        "",
        K.ASSOCIATION,
        ["national"],
        "https://www.francas.asso.fr",
        "",
        "Mouvement d'éducation populaire : animations autour de robots pour initier au code.",
    ),
    "cemea": (
        "Centres d'entraînement aux méthodes d'éducation active",
        "CEMEA",
        K.ASSOCIATION,
        ["national"],
        "https://www.cemea.asso.fr",
        "",
        "Éducation aux écrans et observatoire des pratiques numériques des jeunes.",
    ),
    "afinef": (
        "Association française des industriels du numérique dans l'éducation et la formation",
        "Afinef",
        K.COMPANY,
        ["national"],
        "",
        "",
        "Fédère les entreprises de la filière du numérique éducatif (EdTech).",
    ),
}

COMMITTEE_PARTIES = [
    "ministere-education-nationale",
    "ministere-economie-numerique",
    "caisse-des-depots",
    "amf",
    "amrf",
    "adf",
    "regions-de-france",
    "amgvf",
    "villes-internet",
    "rfve",
    "amvbf",
]

# slug: (title, kind, status, territory, start, description, [(party slug, role)], [ambitions])
PARTNERSHIPS = {
    "comite-des-partenaires-du-numerique-pour-l-education": (
        "Convention constitutive du comité des partenaires du numérique pour l'Éducation",
        Partnership.Kind.CONVENTION,
        Partnership.Status.SIGNED,
        "national",
        None,
        "État et collectivités territoriales s'associent pour définir, dans le respect des compétences de "
        "chacun, une stratégie globale pour déployer le numérique éducatif dans les territoires. La création "
        "du service public du numérique éducatif (article 16 de la loi d'orientation et de programmation "
        "pour la refondation de l'École de la République, juillet 2013) rend nécessaire une nouvelle "
        "démarche de gouvernance, concertée et partagée entre tous les niveaux de pouvoir public.",
        [(slug, "Partie à la convention") for slug in COMMITTEE_PARTIES],
        [
            "Faire comprendre les enjeux et les défis du numérique pour le pays et pour l'École",
            "Co-construire le service public du numérique",
            "Accompagner le plan numérique à l'École",
            "Promouvoir une approche globale de l'enfant, tout au long de sa journée et durant toute sa scolarité",
            "Repérer, valoriser, suggérer les bonnes pratiques en matière d'acquisition des matériels, de "
            "maintenance, d'assistance aux utilisateurs",
            "Inciter à la création de contenus pédagogiques innovants",
            "Valoriser les politiques et initiatives locales, faire des retours d'expériences",
            "Réduire la fracture numérique et les inégalités entre les territoires",
            "Aider à la structuration de la filière du numérique éducatif",
        ],
    ),
    "gouvernance-partagee-macs": (
        "Gouvernance partagée du numérique à l'école de MACS",
        Partnership.Kind.GOVERNANCE,
        Partnership.Status.SIGNED,
        "R75",
        None,
        "Choix d'équipement décidé à l'unanimité du conseil intercommunal : tablettes pour le cycle 3 et "
        "portables pour les enseignants (1,9 M€). Projet porté par la DSDEN, réalisé avec l'EPCI et le "
        "ministère, avec une gouvernance commune des applications et une évaluation sur une cohorte d'élèves.",
        [
            ("macs", "Porteur, finance et mutualise l'informatique des 23 communes"),
            ("dsden-landes", "Pilote du projet pédagogique"),
            ("ministere-education-nationale", "Valide les choix et orientations"),
        ],
        [
            "Équiper les classes qui apprennent à lire",
            "Gouverner ensemble les applications des tablettes et des valises",
            "Évaluer les outils avec des universitaires sur une cohorte d'enfants",
            "Former les parents à l'arrivée de la tablette à la maison",
            "Assurer la continuité avec le secondaire",
        ],
    ),
    "somme-numerique-service-mutualise": (
        "Service numérique mutualisé Somme numérique",
        Partnership.Kind.GOVERNANCE,
        Partnership.Status.SIGNED,
        "R32",
        None,
        "Charte approuvée par délibération des membres ayant la compétence scolaire, répartition comptable "
        "des charges, groupement de commandes ; comité d'éthique annuel, comité de pilotage technique, "
        "plate-forme ENT mutualisée. Le FEDER finance 30 % du fonctionnement.",
        [
            ("somme-numerique", "Porteur du service mutualisé"),
            ("departement-somme", "Membre"),
            ("reseau-canope", "Certification de ressources et ateliers pour les enseignants"),
        ],
        [
            "Tout part du projet pédagogique porté par des enseignants volontaires",
            "Accompagner dans la durée les enseignants et les collectivités",
            "Mutualiser sans redistribuer les compétences",
        ],
    ),
    "region-numerique-nord-pas-de-calais": (
        "Région numérique : haut débit et ENT des lycées du Nord-Pas-de-Calais",
        Partnership.Kind.CONVENTION,
        Partnership.Status.SIGNED,
        "R32",
        None,
        "Deux dispositifs conventionnés, le haut débit et les ENT, lancés à l'échelle régionale par un "
        "groupement de commandes et une convention signée par les présidents et le recteur ; chaque "
        "collectivité passe ses commandes selon ses choix, personne ne préfinance pour personne.",
        [
            ("region-nord-pas-de-calais", "Coordonnateur du groupement de commandes"),
            ("academie-lille", "Signataire (recteur)"),
            ("departement-nord", "Signataire"),
            ("departement-pas-de-calais", "Signataire"),
        ],
        [
            "Participer à l'économie de la connaissance",
            "Réduire la fracture numérique",
            "Innover dans les modes d'organisation, les contenus et les usages",
        ],
    ),
}

# slug: (name, description, licence, repository, website, community, maturity, stewards, users, adoptions)
COMMONS = {
    "apps-education-fr": (
        "apps.education.fr",
        "Plateforme d'outils libres (visioconférence, partage de fichiers, pads, vidéos…) proposée par le "
        "ministère à tous les agents de l'Éducation nationale.",
        "Logiciels libres (licences diverses)",
        "",
        "https://apps.education.fr",
        "Direction du numérique pour l'éducation et les académies qui hébergent les services.",
        Commons.Maturity.WIDESPREAD,
        ["ministere-education-nationale"],
        ["reseau-canope"],
        [("R27", "2021-09-01"), ("R32", "2021-09-01"), ("R84", "2022-01-10")],
    ),
    "forge-des-communs-numeriques-educatifs": (
        "La Forge des communs numériques éducatifs",
        "Forge logicielle où enseignants et agents partagent et améliorent ensemble des logiciels et des "
        "ressources éducatives libres.",
        "Licences libres choisies par chaque projet",
        "",
        "https://forge.apps.education.fr",
        "Communauté d'enseignants développeurs et de contributeurs, animée par la DNE.",
        Commons.Maturity.PRODUCTION,
        ["ministere-education-nationale"],
        [],
        [("R27", "2023-09-01"), ("R53", "2023-11-15")],
    ),
    "capytale": (
        "Capytale",
        "Service de création et de partage d'activités de programmation (Python, SQL, etc.) entre "
        "enseignants et élèves.",
        "",
        "",
        "https://capytale2.ac-paris.fr",
        "Enseignants contributeurs des activités partagées.",
        Commons.Maturity.WIDESPREAD,
        [],
        [],
        [("R11", "2021-01-04"), ("R27", "2022-09-01"), ("R44", "2023-01-09")],
    ),
    "open-ent-ng": (
        "ENT libre Open ENT NG",
        "Environnement numérique de travail publié sous licence libre, que des collectivités déploient et "
        "font évoluer ensemble.",
        "AGPL-3.0",
        "",
        "",
        "Collectivités et académies utilisatrices.",
        Commons.Maturity.PRODUCTION,
        [],
        ["region-nord-pas-de-calais"],
        [("R32", "2016-09-01"), ("R75", "2019-09-02")],
    ),
    "primtux": (
        "PrimTux",
        "Distribution GNU/Linux libre pour l'école primaire, qui redonne vie aux ordinateurs anciens.",
        "GPL-3.0",
        "",
        "https://primtux.fr",
        "Association PrimTux : enseignants et bénévoles.",
        Commons.Maturity.PRODUCTION,
        [],
        ["departement-doubs"],
        [("R27", "2020-09-01"), ("R76", "2021-03-15")],
    ),
}


def _fill(obj, values: dict) -> bool:
    """Set the fields that are still empty; True when something changed."""
    changed = False
    for name, value in values.items():
        if value and not getattr(obj, name):
            setattr(obj, name, value)
            changed = True
    return changed


@transaction.atomic
def load_demo() -> None:
    territories = {t.code: t for t in Territory.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=ORGANISATIONS)}
    for slug, (name, acronym, kind, codes, website, siren, description) in ORGANISATIONS.items():
        organisation = organisations.get(slug)
        values = {"acronym": acronym, "website": website, "siren": siren, "description": description}
        if organisation is None:
            organisation = Organisation.objects.create(slug=slug, name=name, kind=kind, **values)
            organisations[slug] = organisation
        elif _fill(organisation, values):
            organisation.save()
        if not organisation.territories.exists():
            organisation.territories.set(territories[code] for code in codes)

    existing = set(Partnership.objects.filter(slug__in=PARTNERSHIPS).values_list("slug", flat=True))
    for slug, (title, kind, status, code, start, description, parties, ambitions) in PARTNERSHIPS.items():
        if slug in existing:
            continue
        partnership = Partnership.objects.create(
            slug=slug,
            title=title,
            kind=kind,
            status=status,
            territory=territories[code],
            start_date=start,
            description=description,
        )
        for position, (party_slug, role) in enumerate(parties):
            PartnershipParty.objects.create(
                partnership=partnership, organisation=organisations[party_slug], role=role, position=position
            )
        for position, text in enumerate(ambitions):
            PartnershipAmbition.objects.create(partnership=partnership, position=position, text=text)

    existing = set(Commons.objects.filter(slug__in=COMMONS).values_list("slug", flat=True))
    for slug, row in COMMONS.items():
        if slug in existing:
            continue
        name, description, licence, repository, website, community, maturity, stewards, users, adoptions = row
        commons = Commons.objects.create(
            slug=slug,
            name=name,
            description=description,
            licence=licence,
            repository_url=repository,
            website=website,
            steward_community=community,
            maturity=maturity,
        )
        commons.steward_organisations.set(organisations[s] for s in stewards)
        commons.user_organisations.set(organisations[s] for s in users)
        for code, date in adoptions:
            CommonsAdoption.objects.create(
                commons=commons, territory=territories[code], adopted_on=datetime.date.fromisoformat(date)
            )

    canope = organisations["reseau-canope"]
    if not Contact.objects.filter(organisation=canope).exists():
        Contact.objects.create(
            organisation=canope,
            full_name="Claire Exemple (personne fictive de démonstration)",
            role_title="Chargée de partenariats",
            email="claire.exemple@demo.communs.education.gouv.fr",
            purpose="Suivi de la convention Somme numérique",
            consent_given=True,
            consent_date=datetime.datetime(2025, 9, 1, tzinfo=datetime.UTC),
        )
