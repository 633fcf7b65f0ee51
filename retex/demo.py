"""Demo data of the workshops: the IH2EF training cycle of March 2024 (seed 000) and the Corse session of
the "États généraux du numérique territorialisés", October 2020 (seed 003), figure for figure, plus a few
RETEX of the demo partner in several statuses.

Idempotent: everything is looked up by slug (or title) first and skipped when it exists.
"""

import datetime

from django.db import transaction

from commons_portal.accounts.models import User
from commons_portal.core.demo import DEMO_DOMAIN
from commons_portal.territories.models import Territory

from .models import (
    ActionPlanItem,
    AgendaItem,
    DiagnosticRow,
    Event,
    ExperienceReport,
    FlagshipProposal,
    ParticipantCategory,
    ParticipantCount,
    Projection,
    ReportStatus,
    Session,
    Speaker,
    Theme,
    TraceLink,
)
from .services import trace_link
from .themes import themes_ensure

IH2EF_SLUG = "ih2ef-communs-numeriques-2024"
CORSE_EVENT_SLUG = "etats-generaux-numerique-corse-2020"
CORSE_SESSION_SLUG = "corse-2020-10-12"
PARTNER_EMAIL = "partenaire@" + DEMO_DOMAIN
CORSE_AUTHOR_EMAIL = "drane.corse@" + DEMO_DOMAIN

T = datetime.time

# Speakers of seed 000: (name, role, organisation).
AUDRAN = ("Audran Le Baron", "Directeur du numérique pour l'éducation", "DNE")
KAUFFMANN = (
    "Alexis Kauffmann",
    "Chef de projet logiciels et ressources éducatives libres",
    "Direction du numérique pour l'éducation",
)
AJUELOS = (
    "Philippe Ajuelos",
    "Administrateur ministériel des données, des algorithmes et des codes sources",
    "Direction du numérique pour l'éducation",
)
CERISIER = (
    "Jean-François Cerisier",
    "Professeur des universités, directeur du laboratoire Techné",
    "Université de Poitiers",
)

# (session slug, title, date, start, end, agenda: [(start, end, kind, title, description, speakers, moderator)])
IH2EF_SESSIONS = [
    (
        "ih2ef-2024-temps-1",
        "Temps 1 : construire une définition partagée des communs numériques à partir de retours d'expérience",
        datetime.date(2024, 3, 11),
        T(14, 0),
        T(18, 30),
        [
            (
                T(14, 0),
                T(14, 30),
                AgendaItem.Kind.OPENING,
                "Ouverture",
                "",
                [("Sylvain Bégué", "Adjoint au directeur", "IH2EF"), AUDRAN],
                None,
            ),
            (
                T(14, 30),
                T(16, 0),
                AgendaItem.Kind.ROUND_TABLE,
                "Table ronde : qu'est-ce qu'un commun numérique ?",
                "Table ronde animée par Jean-François Cerisier.",
                [
                    CERISIER,
                    ("Alexandra Wisniewski", "Directrice générale adjointe", "Réseau Canopé"),
                    KAUFFMANN,
                    ("Colin de la Higuera", "Titulaire de la chaire Unesco RELIA", "Nantes Université"),
                    (
                        "Christian Daviau",
                        "Responsable du pôle logiciels libres, membre du bureau de l'association ESUP-Portail",
                        "GIP RECIA",
                    ),
                    (
                        "Ange Ansur",
                        "Directrice",
                        "Association française pour l'éducation par la recherche (AFPER)",
                    ),
                ],
                "Jean-François Cerisier",
            ),
            (T(16, 0), T(16, 30), AgendaItem.Kind.BREAK, "Pause", "", [], None),
            (
                T(16, 30),
                T(18, 30),
                AgendaItem.Kind.WORKSHOP,
                "Atelier : les communs numériques, de quoi s'agit-il ? Comment les déployer ?",
                "Mises en situation et apports théoriques sur l'usage et la construction de communs pédagogiques.",
                [
                    (
                        "Dorie Bruyas",
                        "Directrice ; organisatrice de « Numérique en commun(s) » pour l'ANCT",
                        "Association Fréquence écoles",
                    )
                ],
                None,
            ),
        ],
    ),
    (
        "ih2ef-2024-temps-2",
        "Temps 2 : s'approprier la feuille de route nationale des communs numériques et la décliner par territoire",
        datetime.date(2024, 3, 12),
        T(9, 0),
        T(12, 0),
        [
            (
                T(9, 0),
                T(10, 30),
                AgendaItem.Kind.WORKSHOP,
                "Atelier de co-construction d'une feuille de route territoriale des communs numériques",
                "",
                [KAUFFMANN, AJUELOS],
                None,
            ),
            (T(10, 30), T(10, 45), AgendaItem.Kind.BREAK, "Pause", "", [], None),
            (
                T(10, 45),
                T(12, 0),
                AgendaItem.Kind.WORKSHOP,
                "Atelier de co-construction (suite)",
                "",
                [KAUFFMANN, AJUELOS],
                None,
            ),
        ],
    ),
    (
        "ih2ef-2024-temps-3",
        "Temps 3 : mobiliser l'ensemble des partenaires concernés dans une logique de co-construction",
        datetime.date(2024, 3, 12),
        T(13, 45),
        T(18, 45),
        [
            (T(13, 45), T(15, 15), AgendaItem.Kind.WORKSHOP, "Atelier", "", [KAUFFMANN, AJUELOS], None),
            (T(15, 15), T(15, 45), AgendaItem.Kind.BREAK, "Pause", "", [], None),
            (T(15, 45), T(17, 0), AgendaItem.Kind.WORKSHOP, "Atelier (suite)", "", [KAUFFMANN, AJUELOS], None),
            (T(17, 0), T(17, 15), AgendaItem.Kind.BREAK, "Pause", "", [], None),
            (
                T(17, 15),
                T(18, 45),
                AgendaItem.Kind.SYNTHESIS,
                "Synthèse : formaliser la valorisation des initiatives locales pour faire essaimer les projets",
                "",
                [KAUFFMANN, AJUELOS],
                None,
            ),
        ],
    ),
    (
        "ih2ef-2024-temps-4",
        "Temps 4 : le potentiel des communs numériques en pédagogie",
        datetime.date(2024, 3, 13),
        T(8, 45),
        T(12, 15),
        [
            (
                T(8, 45),
                T(10, 15),
                AgendaItem.Kind.CONFERENCE,
                "Conférence interactive « L'innovation technopédagogique, la piste des communs numériques »",
                "Définir collectivement l'innovation technopédagogique, puis repérer ses freins et ses leviers.",
                [("Olivier Perlot", "Enseignant INSPE", "Université de Reims Champagne-Ardenne")],
                None,
            ),
            (T(10, 15), T(10, 45), AgendaItem.Kind.BREAK, "Pause", "", [], None),
            (
                T(10, 45),
                T(12, 15),
                AgendaItem.Kind.WORKSHOP,
                "Ateliers « Études de cas pour favoriser des communs » et synthèse",
                "Trois études de cas en parallèle pour initier et développer des démarches de communs, puis synthèse.",
                [("Olivier Perlot", "Enseignant INSPE", "Université de Reims Champagne-Ardenne")],
                None,
            ),
        ],
    ),
]

# Seed 003, participants: category → (participants, establishments); None where the document says
# "à compléter".
CORSE_PARTICIPANTS = {
    ParticipantCategory.PRIMARY_TEAMS: (8, 2),
    ParticipantCategory.SECONDARY_TEAMS: (18, 10),
    ParticipantCategory.ACADEMIC: (8, None),
    ParticipantCategory.USERS: (2, None),
    ParticipantCategory.ELECTED: (1, None),
    ParticipantCategory.OPERATORS: (2, None),
}

# Seed 003, the three RETEX presented, summarised; with the diagnostic of each (pain points, strengths).
CORSE_REPORTS = [
    (
        "NumériScontri : webinaires d'accompagnement des enseignants pendant le confinement",
        "Des classes virtuelles très opérationnelles pour prendre en main des ressources, ouvertes au premier et "
        "au second degré pendant tout le confinement ; l'offre académique a rejoint Canotech la dernière semaine.",
        "http://www.ac-corse.fr/tice/Numeri-Scontri--des-classes-virtuelles-pour-echanger-apprendre-et-se-former_a324.html",
        "Pas de reconnaissance institutionnelle des formateurs et des formés\n"
        "Pas d'interaction avec l'outil GAIA de la DAFPEN/DIFOR",
        "Forte adhésion des enseignants\nMixité premier et second degré\nLieu d'échanges de pratiques",
    ),
    (
        "Télétravail généralisé dans les services académiques",
        "Les services académiques sont passés au télétravail : 80 % des agents aux missions télétravaillables "
        "disposaient d'un équipement et de procédures sécurisées.",
        "",
        "Plateformes techniques improvisées\nGestion managériale complexe\nCohésion d'équipe rendue difficile",
        "Maintien de la continuité administrative\nConfort des personnels\n« Productivité » maintenue",
    ),
    (
        "Généralisation de la visioconférence",
        "Des plateformes complémentaires à celles du CNED et du ministère, vite adoptées pour les conseils de "
        "classe, les conseils pédagogiques, les réunions avec les parents et les réunions disciplinaires.",
        "",
        "Modalités de travail à acquérir\nSolidité des plateformes très inégale",
        "Appropriation rapide par les personnels\nGain de temps et confort reconnus\nContact maintenu, voire amélioré",
    ),
]

CORSE_PROJECTIONS = [
    (
        "La formation n'est pas reconnue au niveau institutionnel",
        "Développer des dispositifs de valorisation des formateurs et des formés",
        "Travailler sur des certifications prises en compte dans les carrières",
    ),
    (
        "La faiblesse du numérique dans la formation initiale des enseignants",
        "Intégrer complètement le numérique éducatif à l'INSPE selon les territoires",
        "Rendre obligatoire l'axe numérique de l'offre INSPE en y intégrant la stratégie numérique académique",
    ),
    (
        "L'absence de mise en perspective des ressources mutualisées et des accompagnants disponibles en académie",
        "Faire connaître les ressources disponibles (outils et accompagnants) dans l'académie",
        "Promouvoir le maillage académique (IAN, ERUN, référents d'EPLE) dans les lettres et circulaires de rentrée",
    ),
]

CORSE_ACTIONS = [
    (
        "Valoriser la formation",
        "Intégrer des certifications dans les carrières",
        "DAFPEN, DAN, DRH, ministère",
        "Rentrée 2022 (deux étapes : création de la certification puis intégration dans les carrières)",
        "Création de la certification et intégration dans les carrières",
    ),
    (
        "Améliorer la formation initiale",
        "Un axe numérique éducatif obligatoire à l'INSPE, négocié avec l'académie",
        "INSPE, rectorat (DAN, DAFPEN), inspecteurs",
        "Rentrée 2021",
        "Groupe de travail de création du parcours INSPE",
    ),
    (
        "Accompagner les personnels",
        "À chaque rentrée, une cartographie complète du maillage académique",
        "DAN, IA-IPR, DASEN",
        "Rentrée 2021",
        "Plaquette de rentrée\nERUN dans toutes les circonscriptions",
    ),
]

# A few RETEX of the demo partner, one per status.
PARTNER_REPORTS = [
    (
        ReportStatus.PUBLISHED,
        "Ateliers Canoprof : des ressources libres co-écrites par des enseignants",
        "Des enseignants de Bourgogne-Franche-Comté co-écrivent et partagent des séquences sous licence libre, "
        "accompagnés par l'atelier Canopé de Besançon.",
        "Communauté active d'une trentaine d'enseignants\nRessources réutilisées dans d'autres académies",
        "Temps de contribution non reconnu\nOutil d'édition difficile à prendre en main",
        "",
    ),
    (
        ReportStatus.SUBMITTED,
        "Prêt de matériel numérique aux familles éloignées du numérique",
        "Des tablettes prêtées aux familles pendant l'année scolaire, avec une médiation en médiathèque.",
        "Lien renforcé avec les familles\nPartenariat avec les médiathèques",
        "Logistique de maintenance lourde",
        "",
    ),
    (
        ReportStatus.RETURNED,
        "Tiers-lieu éducatif numérique en milieu rural",
        "Un tiers-lieu ouvert aux élèves et aux parents le mercredi, animé avec la commune.",
        "Ouverture aux parents",
        "Fréquentation irrégulière",
        "Précisez les chiffres de fréquentation et le rôle de la commune dans l'animation.",
    ),
    (ReportStatus.DRAFT, "Classe dehors et numérique", "", "", "", ""),
]


def _themes() -> dict[int, Theme]:
    themes_ensure()
    return {theme.number: theme for theme in Theme.objects.all()}


def _load_ih2ef() -> None:
    if Event.objects.filter(slug=IH2EF_SLUG).exists():
        return
    event = Event.objects.create(
        slug=IH2EF_SLUG,
        title="Construire des communs numériques : enjeux, écosystèmes et partenariats",
        kind=Event.Kind.TRAINING_CYCLE,
        territory=Territory.objects.get(code=Territory.NATIONAL_CODE),
        organiser="Institut des hautes études de l'éducation et de la formation (IH2EF)",
        place="IH2EF, Téléport 2, Futuroscope Chasseneuil",
        start_date=datetime.date(2024, 3, 11),
        end_date=datetime.date(2024, 3, 13),
        description=(
            "Cycle de trois jours pour les conseillers de recteur (DRANE) et les directeurs des systèmes "
            "d'information (DRASI, DSI) : bâtir une définition partagée des communs numériques, décliner la "
            "feuille de route nationale par territoire, mobiliser les partenaires et faire essaimer les "
            "initiatives locales. Conçu avec l'appui de la recherche (Amue, laboratoire MICA)."
        ),
    )
    for slug, title, date, start, end, agenda in IH2EF_SESSIONS:
        session = Session.objects.create(
            event=event,
            slug=slug,
            title=title,
            date=date,
            start_time=start,
            end_time=end,
            places="IH2EF, Futuroscope Chasseneuil",
            format=Session.Format.ON_SITE,
            restitution_status=Session.RestitutionStatus.PUBLISHED,
        )
        for position, (item_start, item_end, kind, item_title, description, speakers, moderator) in enumerate(agenda):
            item = AgendaItem.objects.create(
                session=session,
                position=position,
                start_time=item_start,
                end_time=item_end,
                kind=kind,
                title=item_title,
                description=description,
            )
            Speaker.objects.bulk_create(
                Speaker(
                    agenda_item=item,
                    position=index,
                    name=name,
                    role=role,
                    organisation=organisation,
                    is_moderator=name == moderator,
                )
                for index, (name, role, organisation) in enumerate(speakers)
            )


def _load_corse(themes, author) -> None:
    if Session.objects.filter(slug=CORSE_SESSION_SLUG).exists():
        return
    corse = Territory.objects.get(code="R94")
    event, _created = Event.objects.get_or_create(
        slug=CORSE_EVENT_SLUG,
        defaults={
            "title": "États généraux du numérique territorialisés — Corse",
            "kind": Event.Kind.ESTATES_GENERAL,
            "territory": corse,
            "organiser": "Région académique Corse",
            "place": "Ajaccio",
            "start_date": datetime.date(2020, 10, 12),
            "end_date": datetime.date(2020, 10, 12),
            "description": (
                "Déclinaison territoriale des États généraux du numérique pour l'éducation, avec la Banque des "
                "Territoires (Caisse des Dépôts) et Réseau Canopé : des ateliers qui partent des retours "
                "d'expérience pour aboutir à un plan d'action et à une proposition phare."
            ),
        },
    )
    session = Session.objects.create(
        event=event,
        slug=CORSE_SESSION_SLUG,
        title="Atelier : formation, accompagnement, valorisation de l'encadrement",
        date=datetime.date(2020, 10, 12),
        places="Deux ateliers successifs d'1 h 30, avec deux groupes différents d'environ 20 participants",
        format=Session.Format.ON_SITE,
        facilitators_text="Blandine Brioude – Bastien Poggi (SG d'académie, directeur adjoint de l'INSPE)",
        restitution_status=Session.RestitutionStatus.PUBLISHED,
    )
    ParticipantCount.objects.bulk_create(
        ParticipantCount(session=session, category=category, count=count, establishments=establishments)
        for category, (count, establishments) in CORSE_PARTICIPANTS.items()
    )
    theme_2 = themes[2]
    rows = []
    for position, (title, summary, link, pain_points, strengths) in enumerate(CORSE_REPORTS, start=1):
        report = ExperienceReport.objects.create(
            title=title,
            summary=summary,
            link=link,
            territory=corse,
            author=author,
            strengths=strengths,
            pain_points=pain_points,
            status=ReportStatus.PUBLISHED,
            published_at=datetime.datetime(2020, 10, 12, 18, 0, tzinfo=datetime.UTC),
        )
        report.themes.set([theme_2])
        row = DiagnosticRow.objects.create(
            session=session,
            position=position,
            theme=theme_2,
            report=report,
            pain_points=pain_points,
            strengths=strengths,
        )
        trace_link(source=report, target=row, kind=TraceLink.Kind.DIAGNOSED)
        rows.append(row)
    projections = []
    for position, (pain_point, need, lever) in enumerate(CORSE_PROJECTIONS, start=1):
        projection = Projection.objects.create(
            session=session, position=position, theme=theme_2, pain_point=pain_point, need=need, lever=lever
        )
        projections.append(projection)
    # The first pain point of the first RETEX is the one the first projection answers.
    trace_link(source=rows[0], target=projections[0], kind=TraceLink.Kind.PROJECTED)
    for position, (what, how, who, when, indicators) in enumerate(CORSE_ACTIONS, start=1):
        item = ActionPlanItem.objects.create(
            session=session,
            position=position,
            theme=theme_2,
            what=what,
            how=how,
            who=who,
            when=when,
            indicators=indicators,
        )
        trace_link(source=projections[position - 1], target=item, kind=TraceLink.Kind.PLANNED)
    FlagshipProposal.objects.create(
        session=session,
        title="Un maillage d'accompagnement numérique connu de tous et une formation valorisée",
        summary=(
            "Inscrire le maillage d'accompagnement numérique dans les notes de rentrée (académiques, "
            "disciplinaires, départementales, de circonscription) et former au plus près du terrain pour une "
            "culture numérique commune.\nCréer une certification qui pérennise les compétences numériques "
            "acquises et valorise les parcours de carrière."
        ),
        territory_label="Académie",
        referent="DASEN, DRH, DAFPEN, DAN",
        financial_means="Refonte des barèmes, modification de critères",
        human_means="Création d'ERUN dans toutes les circonscriptions",
        legal_means="",
        difficulties=(
            "Les moyens d'atteindre l'objectif sont nombreux ; ils dépendent de la priorité donnée au numérique "
            "éducatif dans les stratégies territoriales, et donc aussi de la volonté nationale."
        ),
        impact_establishments=300,
        impact_establishments_note="EPLE et écoles",
        impact_pupils=45000,
        impact_parents=85000,
        impact_teachers=5000,
        effort=FlagshipProposal.Level.HIGH,
        time_horizon=FlagshipProposal.Horizon.MEDIUM,
        sustain_needs=(
            "Une stratégie nationale affirmée du ministère sur le numérique éducatif, pour une déclinaison "
            "locale efficace et durable."
        ),
    )


def _load_partner_reports(themes) -> None:
    partner = User.objects.filter(email=PARTNER_EMAIL).first()
    if partner is None:
        return
    membership = partner.memberships.filter(organisation__isnull=False).select_related("organisation").first()
    bfc = Territory.objects.get(code="R27")
    for status, title, summary, strengths, pain_points, comment in PARTNER_REPORTS:
        if ExperienceReport.objects.filter(author=partner, title=title).exists():
            continue
        report = ExperienceReport.objects.create(
            title=title,
            summary=summary,
            territory=bfc if status != ReportStatus.DRAFT else None,
            organisation=membership.organisation if membership else None,
            author=partner,
            strengths=strengths,
            pain_points=pain_points,
            status=status,
            review_comment=comment,
        )
        if status != ReportStatus.DRAFT:
            report.themes.set([themes[5] if "ressources" in title else themes[1]])


@transaction.atomic
def load_demo(**kwargs) -> None:
    themes = _themes()
    _load_ih2ef()
    # The Corse RETEX were written by the académie's team: an account without password holds them.
    author = User.objects.filter(email=CORSE_AUTHOR_EMAIL).first() or User.objects.create_user(
        email=CORSE_AUTHOR_EMAIL, first_name="Équipe", last_name="DRANE Corse"
    )
    _load_corse(themes, author)
    _load_partner_reports(themes)
