from pipeline.morph.other import analyze  # placeholder until the ru analyser lands
