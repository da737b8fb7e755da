import ArgumentParser
import Foundation
import Qompress

/// `qompress acqua`: the CLIP-ACQUA hybrid autoencoders — train, evaluate, embed, compare with
/// baselines, and draw the latent space.
struct ACQUACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acqua",
        abstract: "CLIP-ACQUA: two hybrid quantum–classical autoencoders that shrink CLIP embeddings and keep image–text distances.",
        subcommands: [ACQUATrain.self, ACQUAEvaluate.self, ACQUAEmbed.self, ACQUACompare.self, ACQUABaselines.self, ACQUAFigure.self])
}
