def load_demo(**kwargs):
    pass
