-- AlterTable
ALTER TABLE "BoardNoteProjection" ADD COLUMN     "buildsOn" TEXT;

-- CreateTable
CREATE TABLE "BoardProjection" (
    "docName" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "votingOpen" BOOLEAN NOT NULL DEFAULT false,
    "hideResults" BOOLEAN NOT NULL DEFAULT false,
    "silent" BOOLEAN NOT NULL DEFAULT false,
    "projectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardProjection_pkey" PRIMARY KEY ("docName")
);

-- CreateIndex
CREATE INDEX "BoardProjection_localityId_idx" ON "BoardProjection"("localityId");

