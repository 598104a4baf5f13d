from pipeline.morph.other import analyze  # placeholder until the en analyser lands
