from pipeline.morph.other import analyze  # placeholder until the kk analyser lands
