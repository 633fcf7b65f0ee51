"""The 5 workshop themes of the reference restitution (seed 003), loaded by default.

Shared by the data migration and the demo loader; an administrator edits them afterwards.
"""

DEFAULT_THEMES = [
    {
        "number": 1,
        "title": "Garantir un égal accès au numérique pour tous",
        "subtitle": "Fracture numérique",
        "hashtags": "#social #numérique inclusif et territorial",
        "guiding_questions": (
            "Comment garantir l'équité numérique territoriale ?\n"
            "Comment garantir l'égalité de l'accès au numérique pour tous (enseignants, élèves, parents, agents) ?\n"
            "Comment prendre en compte les besoins spécifiques des usagers en distanciel ?\n"
            "Comment mieux accueillir, coopérer et inclure les parents ?"
        ),
    },
    {
        "number": 2,
        "title": "Travailler ensemble autrement",
        "subtitle": "Culture numérique professionnelle commune",
        "hashtags": "#métiers #transformation des pratiques",
        "guiding_questions": (
            "Comment créer des liens et maintenir les relations sociales à distance ?\n"
            "Comment installer une culture numérique professionnelle commune ?\n"
            "Comment soutenir le développement professionnel et la valorisation des acquis des agents et des cadres ?\n"
            "Comment assurer le pilotage et le management en présentiel et à distance ? Travail collaboratif ?"
        ),
    },
    {
        "number": 3,
        "title": "Mettre en place de nouvelles formes de gouvernance et de nouveaux outils d'anticipation",
        "subtitle": "",
        "hashtags": "#organisationnel #partenarial #sociétal",
        "guiding_questions": (
            "Comment coordonner et améliorer la démarche partenariale autour de l'École ?\n"
            "Quels modèles de gouvernance numérique aux niveaux ministériel, territorial et des établissements ?\n"
            "Comment inclure les usagers et les acteurs de l'éducation aux prises de décision ?\n"
            "Comment sensibiliser et assurer une représentation des femmes dans le numérique ?"
        ),
    },
    {
        "number": 4,
        "title": "Favoriser le développement d'un numérique responsable et souverain",
        "subtitle": "",
        "hashtags": "#éthique #économique #juridique",
        "guiding_questions": (
            "Comment prendre en compte le développement durable dans la transformation numérique de l'École ?\n"
            "Comment allier le bien-être et la santé au numérique ?\n"
            "Comment développer une offre ou une filière publique-privée ?\n"
            "Quelle évolution de la politique d'achat de services et de ressources numériques ?\n"
            "Comment assurer la gestion des identités numériques et la maîtrise des données personnelles ?"
        ),
    },
    {
        "number": 5,
        "title": "Enseigner et apprendre avec le numérique",
        "subtitle": "",
        "hashtags": "#compétences professeurs / élèves #pédagogie",
        "guiding_questions": (
            "Comment enseigner et apprendre avec le numérique, entre présence et distance, individuel et collectif ?\n"
            "Comment améliorer les lieux d'apprentissage et leur aménagement ?\n"
            "Comment évaluer et certifier les examens ?\n"
            "Comment soutenir la vie scolaire, les relations sociales à distance et la collaboration entre élèves ?"
        ),
    },
]


def themes_ensure() -> None:
    """Create the default themes that are missing (the demo loader and tests on a flushed database)."""
    from .models import Theme

    for theme in DEFAULT_THEMES:
        Theme.objects.get_or_create(number=theme["number"], defaults=theme)
